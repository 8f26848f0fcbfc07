using ClientPortal.App.Features.Access;
using ClientPortal.Domain;
using ClientPortal.Domain.Communities;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Communities;

/// <summary>Who is reading or writing in a community: a learner (by contact) or a team user.</summary>
public sealed record CommunityMember(long? ContactId, string? UserId, string Name, bool IsTeam)
{
    /// <summary>Members see each other's first name and last initial, never an email address.</summary>
    public static CommunityMember Learner(Contact contact) =>
        new(contact.Id, null, (contact.FirstName, contact.LastName) switch
        {
            ({ Length: > 0 } first, { Length: > 0 } last) => $"{first} {last[0]}.",
            ({ Length: > 0 } first, _) => first,
            (_, { Length: > 0 } last) => last,
            _ => "A member",
        }, false);

    public static CommunityMember Team(string userId, string? name) =>
        new(null, userId, string.IsNullOrWhiteSpace(name) ? "Team" : name, true);
}

public sealed record CommentView(long Id, string AuthorName, bool ByTeam, string BodyMarkdown, DateTime CreatedAt,
    bool Mine);

public sealed record PostView(long Id, string AuthorName, bool ByTeam, string BodyMarkdown, DateTime CreatedAt,
    bool Mine,
    IReadOnlyList<CommentView> Comments);

public sealed record CommunityPage(long ProductId, string Title, string? Description, IReadOnlyList<PostView> Posts,
    int Page, int Pages,
    int TotalPosts);

/// <summary>
/// Posts and comments in a community product. Access follows grants exactly like courses
/// (<see cref="AccessGrants.CanSeeAsync"/>), checked on every call; team users may read, write and delete.
/// </summary>
public sealed class CommunityBoard(IDbContextFactory<PortalDbContext> dbFactory, AccessGrants access,
    TimeProvider clock)
{
    public const string NoAccess = "This community isn't available to you.";

    /// <summary>A page of posts, newest first; null when the member may not read this community.</summary>
    public async Task<CommunityPage?> PageAsync(long productId, CommunityMember member, int page,
        CancellationToken ct = default)
    {
        if (!await CanEnterAsync(productId, member, ct)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == productId, ct);
        var posts = db.CommunityPosts.AsNoTracking().Where(p => p.ProductId == productId);
        var total = await posts.CountAsync(ct);
        var pages = Math.Max(1, (total + CommunityLimits.PageSize - 1) / CommunityLimits.PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await posts.OrderByDescending(p => p.Id).Skip((page - 1) * CommunityLimits.PageSize)
            .Take(CommunityLimits.PageSize)
            .ToListAsync(ct);
        var ids = rows.Select(p => p.Id).ToList();
        var comments = (await db.CommunityComments.AsNoTracking().Where(c => ids.Contains(c.PostId))
            .OrderBy(c => c.Id).ToListAsync(ct)).ToLookup(c => c.PostId);
        return new CommunityPage(product.Id, product.Title, product.Description,
            rows.Select(p =>
                new PostView(p.Id, p.AuthorName, p.ByTeam, p.BodyMarkdown, p.CreatedAt,
                IsMine(member, p.AuthorContactId, p.AuthorUserId),
                comments[p.Id].Select(c => new CommentView(c.Id, c.AuthorName, c.ByTeam, c.BodyMarkdown, c.CreatedAt,
                    IsMine(member, c.AuthorContactId, c.AuthorUserId))).ToList())).ToList(),
            page, pages, total);
    }

    public async Task<Outcome<long>> PostAsync(long productId, CommunityMember member, string? body,
        CancellationToken ct = default)
    {
        if (!await CanEnterAsync(productId, member, ct)) return Outcome<long>.Fail(NoAccess);
        if (CommunityLimits.BodyProblems(body) is { Count: > 0 } errors) return Outcome<long>.Fail(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var post = Written(new CommunityPost { ProductId = productId, AuthorName = "", BodyMarkdown = "" }, member,
            body!);
        db.CommunityPosts.Add(post);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(post.Id);
    }

    public async Task<Outcome<long>> CommentAsync(long postId, CommunityMember member, string? body,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var productId = await db.CommunityPosts.Where(p => p.Id == postId).Select(p => (long?)p.ProductId)
            .FirstOrDefaultAsync(ct);
        // A missing post and a community the member cannot enter answer alike: no probing for post ids.
        if (productId is null || !await CanEnterAsync(productId.Value, member, ct)) return Outcome<long>.Fail(NoAccess);
        if (CommunityLimits.BodyProblems(body) is { Count: > 0 } errors) return Outcome<long>.Fail(errors);
        var comment = Written(new CommunityComment { PostId = postId, AuthorName = "", BodyMarkdown = "" }, member,
            body!);
        db.CommunityComments.Add(comment);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(comment.Id);
    }

    /// <summary>Team users remove posts (with their comments) or comments; audited.</summary>
    public async Task<Outcome> DeletePostAsync(long postId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DeleteAsync(db, db.CommunityPosts, postId, "post", actor, ct);
    }

    public async Task<Outcome> DeleteCommentAsync(long commentId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DeleteAsync(db, db.CommunityComments, commentId, "comment", actor, ct);
    }

    private async Task<Outcome> DeleteAsync<T>(PortalDbContext db, DbSet<T> entries, long id, string noun, Actor actor,
        CancellationToken ct)
        where T : class, ICommunityEntry
    {
        if (actor.Role is null) return Outcome.Fail($"Only team members can delete {noun}s.");
        var entry = await entries.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null) return Outcome.Fail($"This {noun} no longer exists.");
        entry.DeletedAt = clock.GetUtcNow().UtcDateTime;
        entry.DeletedBy = actor.Name;
        db.Raise(new CommunityEntryDeleted(entry.AuthorContactId, entry.AuthorName, entry.Id, noun == "comment", actor,
            entry.DeletedAt.Value));
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    private T Written<T>(T entry, CommunityMember member, string body) where T : ICommunityEntry
    {
        entry.AuthorContactId = member.ContactId;
        entry.AuthorUserId = member.UserId;
        entry.AuthorName = member.Name;
        entry.ByTeam = member.IsTeam;
        entry.BodyMarkdown = ClientPortal.Domain.Text.MultiLine(body).Trim();
        entry.CreatedAt = clock.GetUtcNow().UtcDateTime;
        return entry;
    }

    public async Task<CommunityMember?> LearnerAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        return contact is null ? null : CommunityMember.Learner(contact);
    }

    private async Task<bool> CanEnterAsync(long productId, CommunityMember member, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId && p.Kind == ProductKind.Community, ct)) return false;
        if (member.IsTeam) return member.UserId is not null;
        return member.ContactId is { } contactId && await access.CanSeeAsync(contactId, productId, ct);
    }

    private static bool IsMine(CommunityMember member, long? contactId, string? userId) =>
        member.IsTeam ? userId is not null && userId == member.UserId : contactId is not null
            && contactId == member.ContactId;
}
