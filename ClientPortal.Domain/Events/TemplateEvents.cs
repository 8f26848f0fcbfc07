using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>A message template was edited or reset to its default (<see cref="Action"/> says which).</summary>
public sealed record TemplateChanged(string Action, string Subject, Actor Actor, DateTime OccurredAt) : IAuditedEvent;
