using System.Linq.Expressions;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

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

    /// <summary>The soft-delete rule as a query, applied by the model to every query of posts (filter
    /// <c>SoftDelete</c>).</summary>
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

    /// <summary>The soft-delete rule as a query, applied by the model to every query of comments (filter
    /// <c>SoftDelete</c>).</summary>
    public static readonly Expression<Func<CommunityComment, bool>> NotDeleted = c => c.DeletedAt == null;
}
