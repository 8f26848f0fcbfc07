using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>Magic links were issued or revoked by someone (<see cref="Action"/> says which); the audit trail's record of it.</summary>
public sealed record LinksChanged(string Action, long? ContactId, string? Subject, string? Details, Actor Actor, DateTime OccurredAt)
    : IAuditedEvent;
