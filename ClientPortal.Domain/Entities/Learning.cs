using System.Linq.Expressions;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

/// <summary>A contact's progress in one lesson. Resume uses the latest <see cref="LastOpenedAt"/>.</summary>
public class LessonProgress
{
    public long ContactId { get; set; }
    public long LessonId { get; set; }

    /// <summary>Denormalised so a product's progress is one indexed range.</summary>
    public long ProductId { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime LastOpenedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

public enum ProgressKind
{
    LessonStarted = 0,
    LessonCompleted = 1,
    CategoryStarted = 2,
    CategoryCompleted = 3,
    ProductStarted = 4,
    ProductCompleted = 5,
}

/// <summary>
/// A progress event that has been emitted for a contact. Its key makes each event happen once per contact
/// and subject, ever: re-opening a lesson, or a reset followed by a second run, does not fire workflows again.
/// </summary>
public class ProgressMilestone
{
    public long ContactId { get; set; }
    public ProgressKind Kind { get; set; }
    public long SubjectId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>What posts and comments share: an author (a contact or a team user), a body, and a soft delete.</summary>
public interface ICommunityEntry
{
    long Id { get; }
    long? AuthorContactId { get; set; }
    string? AuthorUserId { get; set; }
    string AuthorName { get; set; }
    bool ByTeam { get; set; }
    string BodyMarkdown { get; set; }
    DateTime CreatedAt { get; set; }
    DateTime? DeletedAt { get; set; }
    string? DeletedBy { get; set; }
}

public class CommunityPost : ICommunityEntry
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public long? AuthorContactId { get; set; }
    public string? AuthorUserId { get; set; }
    public required string AuthorName { get; set; }
    public bool ByTeam { get; set; }
    public required string BodyMarkdown { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public List<CommunityComment> Comments { get; set; } = [];

    /// <summary>The soft-delete rule as a query, applied by the model to every query of posts (filter <c>SoftDelete</c>).</summary>
    public static readonly Expression<Func<CommunityPost, bool>> NotDeleted = p => p.DeletedAt == null;
}

public class CommunityComment : ICommunityEntry
{
    public long Id { get; set; }
    public long PostId { get; set; }
    public long? AuthorContactId { get; set; }
    public string? AuthorUserId { get; set; }
    public required string AuthorName { get; set; }
    public bool ByTeam { get; set; }
    public required string BodyMarkdown { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    /// <summary>The soft-delete rule as a query, applied by the model to every query of comments (filter <c>SoftDelete</c>).</summary>
    public static readonly Expression<Func<CommunityComment, bool>> NotDeleted = c => c.DeletedAt == null;
}

/// <summary>A contact enrolled in the affiliate program, with the code of their referral link.</summary>
public class Affiliate : EventSource
{
    public long ContactId { get; set; }
    public required string Code { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RemovedAt { get; set; }

    /// <summary>Enrolls (or re-enrolls, keeping the code so links already shared work again) the contact.</summary>
    public void Enroll(string contactEmail, Actor actor, DateTime now)
    {
        RemovedAt = null;
        Raise(new AffiliateEnrolled(ContactId, contactEmail, Code, actor, now));
    }

    public void Remove(Actor actor, DateTime now)
    {
        RemovedAt = now;
        Raise(new AffiliateRemoved(ContactId, Code, actor, now));
    }
}

public class AffiliateClick
{
    public long Id { get; set; }
    public long AffiliateContactId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>A contact who signed up within the attribution window after a referral click.</summary>
public class AffiliateReferral
{
    public long ContactId { get; set; }
    public long AffiliateContactId { get; set; }
    public long ClickId { get; set; }
    public DateTime At { get; set; }
}
