using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public sealed record AffiliateEnrolled(long ContactId, string Email, string Code, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record AffiliateRemoved(long ContactId, string Code, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record AffiliateReferred(long ContactId, long AffiliateContactId, string AffiliateEmail,
    DateTime OccurredAt) : IDomainEvent;
