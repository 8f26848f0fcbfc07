using System.Security.Cryptography;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.SignIn;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.MagicLinks;

/// <summary>What the landing page may show about a link (never whether an email exists).</summary>
public sealed record LinkView(LinkState State, long? LinkId, long? ContactId, string? UserId, string? MaskedEmail,
    MagicLinkPurpose Purpose, string TargetPath);

/// <param name="Session">The sign-in session started by the same write, for the learner's cookie.</param>
public sealed record Redemption(bool Succeeded, LinkState State, long? ContactId, string? UserId, string TargetPath,
    MagicLinkPurpose Purpose, bool FirstEntry, LearnerAccount? Account = null, string? Session = null);

/// <summary>
/// Entering by a link, scanner-safe: the landing page's GET only looks (<see cref="InspectAsync"/>); the POST redeems,
/// single use by one conditional UPDATE, with a 60-second grace for the browser that used it.
/// </summary>
public sealed class MagicLinkRedemption(IDbContextFactory<PortalDbContext> dbFactory, ISignInWrites writes,
    TimeProvider clock)
{
    /// <summary>For the landing page (GET): never consumes; records the first open.</summary>
    public async Task<LinkView> InspectAsync(string? token, string? browserId = null, CancellationToken ct = default)
    {
        var unknown = new LinkView(LinkState.Unknown, null, null, null, null, MagicLinkPurpose.SelfRequested, "/");
        if (!SecretToken.LooksValid(token)) return unknown;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.MagicLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.TokenHash == SecretToken.Hash(token!), ct);
        if (link is null) return unknown;
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        var state = link.StateAt(now, epoch);
        // Back button within the grace window: the browser that used the link may continue again.
        if (state == LinkState.Used && browserId is not null
            && link.InGraceFor(BrowserHash(browserId), now, epoch)) state = LinkState.Valid;
        if (link.OpenedAt is null)
            await db.MagicLinks.Where(l => l.Id == link.Id && l.OpenedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.OpenedAt, now), ct);
        string? email = null;
        if (state == LinkState.Valid)
        {
            email = link.ContactId is { } cid
                ? await db.Contacts.Where(c => c.Id == cid).Select(c => c.Email).FirstOrDefaultAsync(ct)
                : await db.Users.Where(u => u.Id == link.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            // A deleted contact's (or team member's) link is as dead as a revoked one: redeeming it is refused too.
            if (email is null) state = LinkState.Revoked;
        }
        return new LinkView(state, link.Id, link.ContactId, link.UserId, email is null ? null : Mask(email),
            link.Purpose,
            link.Section.Path);
    }

    /// <summary>
    /// Redeems a link (POST). Single use: the link is consumed by a conditional UPDATE that must change exactly one
    /// row; a repeat from the browser that consumed it within 60 seconds succeeds again (double click, back button).
    /// Consuming, retiring the contact's other login links, creating or linking the learner account and recording the
    /// entry are one write, committed durably (with other sign-ins of the same moment) before this returns.
    /// </summary>
    /// <returns>On success, the account to sign in (the learner's, or the team user's id for a team link).</returns>
    public async Task<Redemption> RedeemAsync(string? token, string browserId, Actor actor,
        CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return Refused;
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = SecretToken.Hash(token!);
        var browser = BrowserHash(browserId);
        return await writes.RunAsync(work => Redeem(work, hash, browser, actor, now), ct);
    }

    private static readonly Redemption Refused = new(false, LinkState.Unknown, null, null, "/",
        MagicLinkPurpose.SelfRequested, false);

    private static Redemption Redeem(ISignInWork work, byte[] hash, byte[] browser, Actor actor, DateTime now)
    {
        if (work.FindLink(hash) is not var (link, epoch, contact)) return Refused;
        // A deleted contact's link is as dead as a revoked one.
        if (link.ContactId is not null && contact is null) return Refused with { State = LinkState.Revoked };

        // The batch holds SQLite's write lock, so what was just read cannot change before the UPDATE below.
        var state = link.StateAt(now, epoch);
        var regrace = state != LinkState.Valid && link.InGraceFor(browser, now, epoch);
        if (state != LinkState.Valid && !regrace)
        {
            work.Raise(new MagicLinkRefused(link.Id, link.ContactId, link.Purpose, state, actor, now));
            return Refused with { State = state, Purpose = link.Purpose };
        }
        if (!regrace && !work.Consume(link, now, browser))
            throw new InvalidOperationException($"Magic link {link.Id} changed under the write lock.");

        var userId = link.UserId;
        LearnerAccount? account = null;
        string? sessionToken = null;
        var firstEntry = false;
        if (contact is not null && link.Purpose != MagicLinkPurpose.TeamAccess)
        {
            // A successful sign-in retires the contact's other outstanding single-use login links.
            if (!regrace) work.RevokeOtherUnusedSingleUse(contact.Id, link.Id, now);
            var ensured = work.EnsureLearner(contact);
            if (!ensured.Succeeded)
            {
                work.Undo(); // the link stays unused
                return Refused with { State = LinkState.Revoked, Purpose = link.Purpose };
            }
            account = ensured.Value!;
            userId = account.Id;
            sessionToken = work.StartSession(userId, now);
            firstEntry = work.RecordEntry(contact.Id, "link", actor with { UserId = userId }, now);
        }
        work.Raise(new MagicLinkRedeemed(link.Id, link.ContactId, link.Purpose, link.TargetSection, regrace, actor,
            now));
        return new Redemption(true, LinkState.Valid, link.ContactId, userId, link.Section.Path, link.Purpose,
            firstEntry, account, sessionToken);
    }

    private static byte[] BrowserHash(string browserId) =>
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(browserId));

    /// <summary>a•••@example.com: enough for the owner to recognise, not enough to harvest.</summary>
    public static string Mask(string email)
    {
        var at = email.IndexOf('@');
        if (at <= 0) return "•••";
        return email[0] + new string('•', Math.Min(5, Math.Max(3, at - 1))) + email[at..];
    }
}
