using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>A contact was created, edited or deleted by someone (<see cref="Action"/> says which); the audit trail's record of it.</summary>
public sealed record ContactChanged(string Action, long? ContactId, string Subject, string? Details, Actor Actor, DateTime OccurredAt)
    : IAuditedEvent;
