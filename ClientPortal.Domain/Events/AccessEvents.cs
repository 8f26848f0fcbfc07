using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>A grant was given, extended or revoked (<see cref="Action"/> says which); the audit trail's record of it.</summary>
public sealed record GrantChanged(string Action, long? ContactId, string Subject, string? Details, Actor Actor, DateTime OccurredAt,
    Guid? BatchId) : IAuditedEvent;
