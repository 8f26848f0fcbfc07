using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public sealed record ContactCreated(long ContactId, string Email, Actor Actor, DateTime OccurredAt,
    bool Imported = false)
    : IDomainEvent;
public sealed record ContactUpdated(long ContactId, string Email, string Changes, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record ContactDeleted(long ContactId, string Email, int GrantsRevoked, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record ContactTagged(long ContactId, string Tag, bool Added, Actor Actor, DateTime OccurredAt,
    Guid BatchId)
    : IDomainEvent;
public sealed record ContactsImported(int Created, int Updated, int Unchanged, int Skipped, int Cleaned, Actor Actor,
    DateTime OccurredAt) : IDomainEvent;

/// <summary>An invite was queued; <paramref name="Resent"/>: the one automatic second invite (not audited).</summary>
public sealed record InviteSent(long ContactId, Actor Actor, DateTime OccurredAt, Guid? BatchId = null,
    bool Resent = false)
    : IDomainEvent;

/// <summary>A contact's first successful entry into the portal, by any method (Invited → Active).</summary>
public sealed record PortalJoined(long ContactId, DateTime OccurredAt) : IDomainEvent;

/// <summary>Any successful learner sign-in (<paramref name="Method"/>: link, code, password, passkey).</summary>
public sealed record LearnerSignedIn(long ContactId, string Method, bool First, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;

/// <summary>A contact created their own account on the public sign-up page.</summary>
public sealed record NewSignUp(long ContactId, long? AffiliateContactId, DateTime OccurredAt) : IDomainEvent;

/// <summary>An address got too many wrong passwords in a row and now waits <paramref name="Wait"/> between
/// tries.</summary>
public sealed record SignInThrottled(string Email, int Attempts, TimeSpan Wait, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
