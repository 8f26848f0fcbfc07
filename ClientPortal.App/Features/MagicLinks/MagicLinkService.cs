using System.Security.Cryptography;
using ClientPortal.App.Features.Security;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.MagicLinks;

public sealed record LinkRequest(
    long? ContactId,
    string? UserId,
    MagicLinkPurpose Purpose,
    string? Section = null,
    LinkUsePolicy? Policy = null,
    TimeSpan? Lifetime = null);

public sealed record IssuedLink(long Id, string Token, string Url, DateTime ExpiresAt, LinkSection Section, LinkUsePolicy Policy);

/// <summary>What the landing page may show about a link (never whether an email exists).</summary>
public sealed record LinkView(LinkState State, long? LinkId, long? ContactId, string? UserId, string? MaskedEmail,
    MagicLinkPurpose Purpose, string TargetPath);

/// <param name="Session">The sign-in session started by the same write, for the learner's cookie.</param>
public sealed record Redemption(bool Succeeded, LinkState State, long? ContactId, string? UserId, string TargetPath,
    MagicLinkPurpose Purpose, bool FirstEntry, Learners.LearnerAccount? Account = null, string? Session = null);

public sealed record LinkRow(long Id, MagicLinkPurpose Purpose, LinkSection Section, LinkUsePolicy Policy, DateTime CreatedAt, string? CreatedBy,
    DateTime ExpiresAt, DateTime? DeliveredAt, DateTime? OpenedAt, DateTime? ConsumedAt, DateTime? RevokedAt, LinkLifecycle State,
    bool IsLive);

/// <summary>
/// Magic links: 256-bit tokens stored as SHA-256 hashes, scanner-safe redemption (a GET never
/// consumes), single use by one conditional UPDATE, a 60-second same-browser grace window, per-contact and
/// portal-wide regeneration.
/// </summary>
public sealed class MagicLinkService(
    IDbContextFactory<PortalDbContext> dbFactory,
    Learners.LearnerAccounts accounts,
    Learners.PortalEntry entry,
    SignInSessions sessions,
    PortalUrls urls,
    GroupCommit writes,
    TimeProvider clock)
{

    public async Task<Outcome<IssuedLink>> IssueAsync(LinkRequest request, Actor actor, CancellationToken ct = default)
    {
        if (MagicLink.Check(request.ContactId, request.UserId, request.Section, request.Lifetime) is { Count: > 0 } problems)
            return Outcome<IssuedLink>.Invalid(problems);
        var section = LinkSection.Stored(request.Section);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        if (request.ContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId, ct))
            return Outcome<IssuedLink>.Fail("This contact no longer exists.");
        if (section.CourseId is { } courseId && !await db.Products.AnyAsync(p => p.Id == courseId, ct))
            return Outcome<IssuedLink>.Fail("That course no longer exists.");

        var (link, token) = MagicLink.Issue(
            new LinkIssue(request.ContactId, request.UserId, request.Purpose, section, request.Policy, request.Lifetime), settings, actor.Name, now);
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

    /// <summary>For the landing page (GET): never consumes; records the first open.</summary>
    public async Task<LinkView> InspectAsync(string? token, string? browserId = null, CancellationToken ct = default)
    {
        var unknown = new LinkView(LinkState.Unknown, null, null, null, null, MagicLinkPurpose.SelfRequested, "/");
        if (!SecretToken.LooksValid(token)) return unknown;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.MagicLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == SecretToken.Hash(token!), ct);
        if (link is null) return unknown;
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        var state = link.StateAt(now, epoch);
        // Back button within the grace window: the browser that used the link may continue again.
        if (state == LinkState.Used && browserId is not null && link.InGraceFor(BrowserHash(browserId), now, epoch)) state = LinkState.Valid;
        if (link.OpenedAt is null)
            await db.MagicLinks.Where(l => l.Id == link.Id && l.OpenedAt == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.OpenedAt, now), ct);
        string? email = null;
        if (state == LinkState.Valid)
        {
            email = link.ContactId is { } cid
                ? await db.Contacts.Where(c => c.Id == cid).Select(c => c.Email).FirstOrDefaultAsync(ct)
                : await db.Users.Where(u => u.Id == link.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            // A deleted contact's (or team member's) link is as dead as a revoked one: redeeming it is refused too.
            if (email is null) state = LinkState.Revoked;
        }
        return new LinkView(state, link.Id, link.ContactId, link.UserId, email is null ? null : Mask(email), link.Purpose,
            link.Section.Path);
    }

    /// <summary>
    /// Redeems a link (POST). Single use: the link is consumed by a conditional UPDATE that must change exactly one row;
    /// a repeat from the browser that consumed it within 60 seconds succeeds again (double click, back button).
    /// Consuming, retiring the contact's other login links, creating or linking the learner account and recording the
    /// entry are one write, committed durably (with other sign-ins of the same moment) before this returns.
    /// </summary>
    /// <returns>On success, the account to sign in (the learner's, or the team user's id for a team link).</returns>
    public async Task<Redemption> RedeemAsync(string? token, string browserId, Actor actor, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return Refused;
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = SecretToken.Hash(token!);
        var browser = BrowserHash(browserId);
        return await writes.RunAsync(session => Redeem(session, hash, browser, actor, now), ct);
    }

    private static readonly Redemption Refused = new(false, LinkState.Unknown, null, null, "/", MagicLinkPurpose.SelfRequested, false);

    private Redemption Redeem(WriteSession session, byte[] hash, byte[] browser, Actor actor, DateTime now)
    {
        if (session.FindForRedemption(hash) is not var (link, epoch)) return Refused;
        if (link.ContactId is { } cid && session.FindLiveContact(cid) is null)
            return Refused with { State = LinkState.Revoked };

        // The batch holds SQLite's write lock, so what was just read cannot change before the UPDATE below.
        var state = link.StateAt(now, epoch);
        var regrace = state != LinkState.Valid && link.InGraceFor(browser, now, epoch);
        if (state != LinkState.Valid && !regrace)
        {
            session.Raise(new MagicLinkRefused(link.Id, link.ContactId, link.Purpose, state, actor, now));
            return Refused with { State = state, Purpose = link.Purpose };
        }
        if (!regrace && !session.Consume(link, now, browser))
            throw new InvalidOperationException($"Magic link {link.Id} changed under the write lock.");

        var userId = link.UserId;
        Learners.LearnerAccount? account = null;
        string? sessionToken = null;
        var firstEntry = false;
        if (link.ContactId is { } contactId && link.Purpose != MagicLinkPurpose.TeamAccess)
        {
            // A successful sign-in retires the contact's other outstanding single-use login links.
            if (!regrace) session.RevokeOtherUnusedSingleUse(contactId, link.Id, now);
            var ensured = accounts.Ensure(session, contactId);
            if (!ensured.Succeeded)
            {
                session.Undo(); // the link stays unused
                return Refused with { State = LinkState.Revoked, Purpose = link.Purpose };
            }
            account = ensured.Value!;
            userId = account.Id;
            sessionToken = sessions.Start(session, userId, now);
            firstEntry = entry.Record(session, contactId, "link", actor with { UserId = userId });
        }
        session.Raise(new MagicLinkRedeemed(link.Id, link.ContactId, link.Purpose, link.TargetSection, regrace, actor, now));
        return new Redemption(true, LinkState.Valid, link.ContactId, userId, link.Section.Path, link.Purpose,
            firstEntry, account, sessionToken);
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
        var killed = await Outstanding(db, now, epoch).Where(l => l.ContactId == contactId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
        if (await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, ct) is { } contact)
        {
            contact.LinksRevoked(killed, actor, now);
            await db.SaveChangesAsync(ct);
        }
        return killed;
    }

    /// <summary>Where a link is now (Unknown when there is no such link).</summary>
    public async Task<LinkState> StateAsync(long linkId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        var link = await db.MagicLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId, ct);
        return link?.StateAt(clock.GetUtcNow().UtcDateTime, epoch) ?? LinkState.Unknown;
    }

    public async Task<int> CountOutstandingAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        return await Outstanding(db, now, epoch).CountAsync(ct);
    }

    /// <summary>"Regenerate all": bumps the portal epoch, so every link issued before now stops working.</summary>
    public async Task<Outcome<int>> RegenerateAllAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOwner) return Outcome<int>.Fail("Only an Owner can regenerate every link.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.Settings.SingleAsync(ct);
        var killed = await Outstanding(db, now, settings.LinkEpoch).CountAsync(ct);
        settings.RevokeAllLinks(killed, actor, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<int>.Success(killed);
    }


    /// <summary>A team user's access link: any older one of theirs is revoked.</summary>
    public async Task<Outcome<IssuedLink>> IssueTeamAccessAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null || actor.Role is null) return Outcome<IssuedLink>.Fail("Only team users have a team access link.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.MagicLinks.Where(l => l.UserId == actor.UserId && l.Purpose == MagicLinkPurpose.TeamAccess && l.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
        return await IssueAsync(new LinkRequest(null, actor.UserId, MagicLinkPurpose.TeamAccess), actor, ct);
    }

    public async Task<IReadOnlyList<LinkRow>> ForContactAsync(long contactId, int take = 50, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        var links = await db.MagicLinks.AsNoTracking().Where(l => l.ContactId == contactId).OrderByDescending(l => l.Id).Take(take).ToListAsync(ct);
        return links.Select(l => new LinkRow(l.Id, l.Purpose, l.Section, l.Policy, l.CreatedAt, l.CreatedBy, l.ExpiresAt, l.DeliveredAt,
            l.OpenedAt, l.ConsumedAt, l.RevokedAt ?? (l.Epoch != epoch ? l.CreatedAt : null), l.LifecycleAt(now, epoch),
            l.StateAt(now, epoch) == LinkState.Valid)).ToList();
    }

    private static byte[] BrowserHash(string browserId) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(browserId));

    private static IQueryable<MagicLink> Outstanding(PortalDbContext db, DateTime now, int epoch) =>
        db.MagicLinks.Where(MagicLink.OutstandingAt(now, epoch));

    /// <summary>a•••@example.com: enough for the owner to recognise, not enough to harvest.</summary>
    public static string Mask(string email)
    {
        var at = email.IndexOf('@');
        if (at <= 0) return "•••";
        return email[0] + new string('•', Math.Min(5, Math.Max(3, at - 1))) + email[at..];
    }
}
