using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>A sign-in step worth the audit trail: a link redeemed, repeated or refused, an entry by some method.</summary>
public sealed record SignInRecorded(string Action, long? ContactId, string? Subject, string? Details, Actor Actor, DateTime OccurredAt)
    : IAuditedEvent;
