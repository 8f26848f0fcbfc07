using ClientPortal.App.Features.Settings;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.MagicLinks;

public sealed record LinkRequest(
    long? ContactId,
    string? UserId,
    MagicLinkPurpose Purpose,
    string? Section = null,
    LinkUsePolicy? Policy = null,
    TimeSpan? Lifetime = null);

public sealed record IssuedLink(long Id, string Token, string Url, DateTime ExpiresAt, LinkSection Section,
    LinkUsePolicy Policy);

/// <summary>
/// Making and stopping links: 256-bit tokens stored as SHA-256 hashes (<see cref="MagicLink.Issue"/>), revoking one,
/// all of a contact's outstanding ones, or every link of the portal (the link epoch).
/// </summary>
public sealed class MagicLinkIssuing(IDbContextFactory<PortalDbContext> dbFactory, PortalUrls urls, TimeProvider clock)
{
    public async Task<Outcome<IssuedLink>> IssueAsync(LinkRequest request, Actor actor, CancellationToken ct = default)
    {
        if (MagicLink.Check(request.ContactId, request.UserId, request.Section,
            request.Lifetime) is { Count: > 0 } problems)
            return Outcome<IssuedLink>.Invalid(problems);
        var section = LinkSection.Stored(request.Section);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        if (request.ContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId, ct))
            return Outcome<IssuedLink>.Fail("This contact no longer exists.");
        if (section.CourseId is { } courseId)
        {
            var title = await db.Products.Where(p => p.Id == courseId).Select(p => p.Title).FirstOrDefaultAsync(ct);
            if (title is null) return Outcome<IssuedLink>.Fail("That course no longer exists.");
            section = section.Titled(title);
        }

        var (link, token) = MagicLink.Issue(
            new LinkIssue(request.ContactId, request.UserId, request.Purpose, section, request.Policy,
                request.Lifetime),
                settings, actor.Name, now);
        // The id comes from the database, so the issue is recorded (audited and published) by a second save; one
        // transaction, so a link never exists without its record.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.MagicLinks.Add(link);
            await db.SaveChangesAsync(ct);
            link.Issued(actor, now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        var url = await urls.AbsoluteAsync($"/l/{token}", ct);
        return Outcome<IssuedLink>.Success(new IssuedLink(link.Id, token, url, link.ExpiresAt, section, link.Policy));
    }

    /// <summary>A team user's access link: any older one of theirs is revoked.</summary>
    public async Task<Outcome<IssuedLink>> IssueTeamAccessAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null
            || actor.Role is null) return Outcome<IssuedLink>.Fail("Only team users have a team access link.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.MagicLinks.Where(l => l.UserId == actor.UserId && l.Purpose == MagicLinkPurpose.TeamAccess
                && l.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
        return await IssueAsync(new LinkRequest(null, actor.UserId, MagicLinkPurpose.TeamAccess), actor, ct);
    }

    public async Task<Outcome> RevokeAsync(long linkId, Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.MagicLinks.FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null) return Outcome.Fail("This link no longer exists.");
        if (link.Revoke(actor, now)) await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>"Regenerate" for one contact: revokes every outstanding link; returns how many it killed.</summary>
    public async Task<int> RevokeAllForContactAsync(long contactId, Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        var killed = await db.MagicLinks.Where(MagicLink.OutstandingAt(now, epoch)).Where(l => l.ContactId == contactId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
        if (await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, ct) is { } contact)
        {
            contact.LinksRevoked(killed, actor, now);
            await db.SaveChangesAsync(ct);
        }
        return killed;
    }

    /// <summary>"Regenerate all": bumps the portal epoch, so every link issued before now stops working.</summary>
    public async Task<Outcome<int>> RegenerateAllAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOwner) return Outcome<int>.Fail("Only an Owner can regenerate every link.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.Settings.SingleAsync(ct);
        var killed = await db.MagicLinks.Where(MagicLink.OutstandingAt(now, settings.LinkEpoch)).CountAsync(ct);
        settings.RevokeAllLinks(killed, actor, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<int>.Success(killed);
    }
}
