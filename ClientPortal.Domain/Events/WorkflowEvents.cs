using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>A workflow was published, switched on or off, or deleted (<see cref="Action"/> says which).</summary>
public sealed record WorkflowChanged(string Action, string Subject, string? Details, Actor Actor, DateTime OccurredAt) : IAuditedEvent;
