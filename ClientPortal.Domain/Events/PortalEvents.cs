namespace ClientPortal.Domain.Events;

public sealed record ContactCreated(long ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record ContactUpdated(long ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record ContactDeleted(long ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record TeamChanged(string UserId, string Change, DateTime OccurredAt) : IDomainEvent;
public sealed record OwnerClaimed(string UserId, DateTime OccurredAt) : IDomainEvent;

public sealed record OfferAccessGranted(long ContactId, long OfferId, DateTime OccurredAt) : IDomainEvent;
public sealed record OfferAccessRemoved(long ContactId, long OfferId, DateTime OccurredAt) : IDomainEvent;
public sealed record ProductAccessGranted(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;
public sealed record ProductAccessRemoved(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;

public sealed record MagicLinkIssued(long LinkId, long? ContactId, string Purpose, DateTime OccurredAt) : IDomainEvent;
public sealed record MagicLinkRedeemed(long LinkId, long? ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record MagicLinksRevoked(long? ContactId, int Count, DateTime OccurredAt) : IDomainEvent;

/// <summary>A contact's first successful entry into the portal, by any method (Invited → Active).</summary>
public sealed record PortalJoined(long ContactId, DateTime OccurredAt) : IDomainEvent;

/// <summary>Any successful learner sign-in.</summary>
public sealed record LearnerSignedIn(long ContactId, string Method, DateTime OccurredAt) : IDomainEvent;

public sealed record MessageQueued(long MessageId, long? ContactId, string Kind, DateTime OccurredAt) : IDomainEvent;
public sealed record MessageDelivered(long MessageId, long? ContactId, string Kind, DateTime OccurredAt) : IDomainEvent;

public sealed record SettingsChanged(DateTime OccurredAt) : IDomainEvent;
public sealed record InviteSent(long ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record BulkJobProgressed(Guid JobId, int Total, int Done, int Skipped, int Failed, bool Completed, DateTime OccurredAt) : IDomainEvent;

/// <summary>A contact created their own account on the public sign-up page.</summary>
public sealed record NewSignUp(long ContactId, long? AffiliateContactId, DateTime OccurredAt) : IDomainEvent;

/// <summary>Learning progress; each is published once per contact and subject, ever (see ProgressMilestone).</summary>
public interface IProgressEvent : IDomainEvent
{
    long ContactId { get; }
    long ProductId { get; }
}

public sealed record LessonStarted(long ContactId, long ProductId, long CategoryId, long LessonId, DateTime OccurredAt) : IProgressEvent;
public sealed record LessonCompleted(long ContactId, long ProductId, long CategoryId, long LessonId, DateTime OccurredAt) : IProgressEvent;
public sealed record CategoryStarted(long ContactId, long ProductId, long CategoryId, DateTime OccurredAt) : IProgressEvent;
public sealed record CategoryCompleted(long ContactId, long ProductId, long CategoryId, DateTime OccurredAt) : IProgressEvent;
public sealed record ProductStarted(long ContactId, long ProductId, DateTime OccurredAt) : IProgressEvent;
public sealed record ProductCompleted(long ContactId, long ProductId, DateTime OccurredAt) : IProgressEvent;

/// <summary>A team user reset a contact's progress in a product (milestones stay: events do not fire twice).</summary>
public sealed record ProgressReset(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;
