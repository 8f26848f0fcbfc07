using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

// What behaviour raises, one typed event per behaviour. An event a person caused carries its Actor; AuditTrail turns
// it into the audit row (and PublicEvents into the record other systems read), so the words of the trail live once.

// Contacts
public sealed record ContactCreated(long ContactId, string Email, Actor Actor, DateTime OccurredAt, bool Imported = false)
    : IDomainEvent;
public sealed record ContactUpdated(long ContactId, string Email, string Changes, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record ContactDeleted(long ContactId, string Email, int GrantsRevoked, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record ContactTagged(long ContactId, string Tag, bool Added, Actor Actor, DateTime OccurredAt, Guid BatchId)
    : IDomainEvent;
public sealed record ContactsImported(int Created, int Updated, int Unchanged, int Skipped, int Cleaned, Actor Actor,
    DateTime OccurredAt) : IDomainEvent;

/// <summary>An invite was queued; <paramref name="Resent"/>: the one automatic second invite (not audited).</summary>
public sealed record InviteSent(long ContactId, Actor Actor, DateTime OccurredAt, Guid? BatchId = null, bool Resent = false)
    : IDomainEvent;

/// <summary>A contact's first successful entry into the portal, by any method (Invited → Active).</summary>
public sealed record PortalJoined(long ContactId, DateTime OccurredAt) : IDomainEvent;

/// <summary>Any successful learner sign-in (<paramref name="Method"/>: link, code, password, passkey).</summary>
public sealed record LearnerSignedIn(long ContactId, string Method, bool First, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;

/// <summary>A contact created their own account on the public sign-up page.</summary>
public sealed record NewSignUp(long ContactId, long? AffiliateContactId, DateTime OccurredAt) : IDomainEvent;

/// <summary>An address got too many wrong passwords in a row and now waits <paramref name="Wait"/> between tries.</summary>
public sealed record SignInThrottled(string Email, int Attempts, TimeSpan Wait, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;

// Access
public sealed record OfferAccessGranted(long ContactId, long OfferId, string OfferName, DateTime? ExpiresAt, Actor Actor,
    DateTime OccurredAt, Guid? BatchId = null) : IDomainEvent;
public sealed record GrantExpiryChanged(long ContactId, long OfferId, string OfferName, DateTime? From, DateTime? To,
    Actor Actor, DateTime OccurredAt, Guid? BatchId = null) : IDomainEvent;

/// <summary>A grant was revoked; <paramref name="WasActive"/>: it still gave access (an expired one is only closed).</summary>
public sealed record GrantRevoked(long ContactId, long OfferId, string OfferName, bool WasActive, Actor Actor,
    DateTime OccurredAt, Guid? BatchId = null) : IDomainEvent;

/// <summary>A product a grant opened to the contact (one no other grant already gave).</summary>
public sealed record ProductAccessGranted(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;

/// <summary>A product the contact lost with a grant (one no other grant still gives).</summary>
public sealed record ProductAccessRemoved(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;

/// <summary>A CSV of grants applied (<paramref name="Undone"/>: a batch's grants revoked again).</summary>
public sealed record GrantBatchApplied(Guid BatchId, int Grants, bool Undone, Actor Actor, DateTime OccurredAt) : IDomainEvent;

// Magic links
public sealed record MagicLinkIssued(long LinkId, long? ContactId, MagicLinkPurpose Purpose, string Section, LinkUsePolicy Policy,
    DateTime ExpiresAt, string? Via, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record MagicLinkRevoked(long LinkId, long? ContactId, MagicLinkPurpose Purpose, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;

/// <summary>A contact's outstanding links were revoked together (a new link for them).</summary>
public sealed record ContactLinksRevoked(long ContactId, int Count, Actor Actor, DateTime OccurredAt) : IDomainEvent;

/// <summary>Every link issued before now stopped working (the link epoch moved on).</summary>
public sealed record AllLinksRevoked(int Epoch, int Outstanding, Actor Actor, DateTime OccurredAt) : IDomainEvent;

/// <summary>A link let someone in; <paramref name="Repeat"/>: again within its grace, from the same browser.</summary>
public sealed record MagicLinkRedeemed(long LinkId, long? ContactId, MagicLinkPurpose Purpose, string Section, bool Repeat,
    Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record MagicLinkRefused(long LinkId, long? ContactId, MagicLinkPurpose Purpose, LinkState State, Actor Actor,
    DateTime OccurredAt) : IDomainEvent;

// Team and security
public enum TeamChange { Invited, InviteReissued, InviteAccepted, RoleChanged, Disabled, Enabled, Removed }

/// <summary>A team member's account changed; <paramref name="Role"/> is the role before the change (after, for an invite).</summary>
public sealed record TeamChanged(string UserId, string? Email, TeamChange Change, string? Role, string? NewRole, Actor Actor,
    DateTime OccurredAt) : IDomainEvent;

/// <summary>The portal's Owner account was made (<paramref name="FromCommandLine"/>: by the setup command).</summary>
public sealed record OwnerClaimed(string UserId, string Email, bool FromCommandLine, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record PasskeyAdded(long? ContactId, string Name, Actor Actor, DateTime OccurredAt) : IDomainEvent;

/// <summary>Passkeys removed from an account: one by its <paramref name="Name"/>, or all of a learner's by the team.</summary>
public sealed record PasskeysRemoved(long? ContactId, string? Name, int Count, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record ApiKeyCreated(string Name, string Scopes, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record ApiKeyRevoked(string Name, Actor Actor, DateTime OccurredAt) : IDomainEvent;

// Settings
public sealed record SettingsChanged(Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record EmailSettingsChanged(string Provider, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record SiteLinksReplaced(bool Replacing, Actor Actor, DateTime OccurredAt) : IDomainEvent;

// Catalog
public enum CatalogChange { Created, Updated, Deleted, Published, Unpublished, CoverSet }

public sealed record ProductChanged(string Title, CatalogChange Change, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record CategoryChanged(string Title, CatalogChange Change, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record LessonChanged(string Title, CatalogChange Change, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record OfferChanged(string Name, CatalogChange Change, int? Products, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;

// Messaging
public sealed record TemplateChanged(string Key, bool Reset, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record BulkSendStarted(Guid JobId, BulkJobKind Kind, int Recipients, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record BulkJobProgressed(Guid JobId, int Total, int Done, int Skipped, int Failed, bool Completed,
    DateTime OccurredAt) : IDomainEvent;
public sealed record MessageRetried(long MessageId, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record MessageQueued(long MessageId, long? ContactId, string Kind, DateTime OccurredAt) : IDomainEvent;
public sealed record MessageDelivered(long MessageId, long? ContactId, string Kind, DateTime OccurredAt) : IDomainEvent;

// Integrations and workflows
public sealed record WebhookSubscriptionChanged(string Url, string? Events, bool Enabled, CatalogChange Change, Actor Actor,
    DateTime OccurredAt) : IDomainEvent;
public enum WorkflowChange { Enabled, Disabled, InboundUrlMade, InboundUrlReplaced, Deleted }

public sealed record WorkflowChanged(string Name, WorkflowChange Change, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record WorkflowPublished(string Name, int Version, WorkflowTrigger Trigger, int Actions, Actor Actor,
    DateTime OccurredAt) : IDomainEvent;
public sealed record WorkflowRunRetried(long RunId, long? ContactId, int FromStep, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;

// Affiliates and communities
public sealed record AffiliateEnrolled(long ContactId, string Email, string Code, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record AffiliateRemoved(long ContactId, string Code, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record AffiliateReferred(long ContactId, long AffiliateContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record CommunityEntryDeleted(long? AuthorContactId, string AuthorName, long EntryId, bool Comment, Actor Actor,
    DateTime OccurredAt) : IDomainEvent;

// Learning
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

/// <summary>A team user marked a lesson complete for a contact.</summary>
public sealed record LessonMarkedComplete(long ContactId, string Product, string Lesson, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;

/// <summary>A team user reset a contact's progress in a product (milestones stay: events do not fire twice).</summary>
public sealed record ProgressReset(long ContactId, long ProductId, string Product, int Lessons, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
