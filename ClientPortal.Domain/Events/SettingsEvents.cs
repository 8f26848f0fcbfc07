using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>The Owner changed the portal's settings, email delivery or portal links (<see cref="Action"/> says which).</summary>
public sealed record SettingsUpdated(string Action, string? Details, Actor Actor, DateTime OccurredAt) : IAuditedEvent;
