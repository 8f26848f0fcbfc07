using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>A product, module, lesson or offer was created, changed or deleted (<see cref="Action"/> says which).</summary>
public sealed record CatalogChanged(string Action, string Subject, Actor Actor, DateTime OccurredAt, string? Details = null) : IAuditedEvent;
