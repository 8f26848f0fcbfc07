using System.Security.Cryptography;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.MagicLinks;

public enum SiteLinkKind
{
    /// <summary>One link for the whole team: the learner portal as the signed-in team member; anyone else signs in as
    /// team first.</summary>
    User,

    /// <summary>The portal's link for contacts, to paste where the portal cannot put each person's own link.</summary>
    Learner,
}

/// <summary>A freshly made pair, shown once.</summary>
public sealed record SiteLinkPair(string UserUrl, string LearnerUrl, DateTime CreatedAt);

/// <summary>When the current pair was made and by whom (the links themselves are not kept).</summary>
public sealed record SiteLinkInfo(DateTime CreatedAt, string? CreatedBy);

/// <summary>
/// The site-level pair of magic links: a User link for the team and a Learner link for contacts, made together and
/// replaced together (the old pair stops working at once). Neither signs anyone in by itself; like every token, only
/// their SHA-256 is stored, so each pair is shown once, when it is made.
/// </summary>
public sealed class SiteLinks(IDbContextFactory<PortalDbContext> dbFactory, PortalUrls urls,
    PortalSettingsStore settings,
    TimeProvider clock)
{
    public const string UserPath = "/team/";
    public const string LearnerPath = "/learn/";

    public async Task<SiteLinkInfo?> InfoAsync(CancellationToken ct = default)
    {
        var s = await settings.GetAsync(ct);
        return s.SiteLinksCreatedAt is { } at ? new SiteLinkInfo(at, s.SiteLinksCreatedBy) : null;
    }

    /// <summary>Makes a new pair; the pair before it stops working at once.</summary>
    public async Task<Outcome<SiteLinkPair>> GenerateAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome<SiteLinkPair>.Fail("Only an Owner or " +
            "Admin can make the portal's magic links.");
        var (user, userHash) = SecretToken.New();
        var (learner, learnerHash) = SecretToken.New();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Settings.SingleAsync(ct);
        s.ReplaceSiteLinks(userHash, learnerHash, actor, now);
        await db.SaveChangesAsync(ct);
        var baseUrl = await urls.BaseUrlAsync(ct);
        return Outcome<SiteLinkPair>.Success(new SiteLinkPair(baseUrl + UserPath + user,
            baseUrl + LearnerPath + learner,
            now));
    }

    /// <summary>Whether the token is the current link of that kind (compared in constant time).</summary>
    public async Task<bool> IsCurrentAsync(SiteLinkKind kind, string? token, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return false;
        var s = await settings.GetAsync(ct);
        var stored = kind == SiteLinkKind.User ? s.SiteTeamLinkHash : s.SiteLearnerLinkHash;
        return stored is not null && CryptographicOperations.FixedTimeEquals(stored, SecretToken.Hash(token!));
    }
}
