using System.Linq.Expressions;
using System.Security.Cryptography;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

public enum MagicLinkPurpose
{
    SelfRequested = 0,
    Invite = 1,
    LoginEmail = 2,
    AdminGenerated = 3,
    Workflow = 4,
    TeamAccess = 5,
}

public enum LinkUsePolicy
{
    SingleUse = 0,
    ReusableUntilExpiry = 1,
}

public enum LinkState
{
    Valid,
    Unknown,
    Expired,
    Revoked,
    Used,
}

public static class LinkStates
{
    /// <summary>What happened to a link, as the end of a sentence ("The link … was revoked").</summary>
    public static string Describe(LinkState state) => state switch
    {
        LinkState.Valid => "still works",
        LinkState.Expired => "has expired",
        LinkState.Revoked => "was revoked",
        LinkState.Used => "was already used",
        _ => "no longer exists",
    };
}

/// <summary>Where a link is in its life, for the team's list of a contact's links.</summary>
public enum LinkLifecycle
{
    Issued,
    Delivered,
    Opened,
    Used,
    Expired,
    Revoked,
}

/// <summary>What a new link is for: exactly one of contact and team user, where it lands, and optionally its policy and
/// lifetime.</summary>
public sealed record LinkIssue(long? ContactId, string? UserId, MagicLinkPurpose Purpose, LinkSection Section,
    LinkUsePolicy? Policy = null, TimeSpan? Lifetime = null);

public class MagicLink : EventSource
{
    /// <summary>A repeat from the browser that consumed a single-use link, this soon after, is let in again (double
    /// click, back button).</summary>
    public static readonly TimeSpan GraceWindow = TimeSpan.FromSeconds(60);

    /// <summary>A team access link lives in a menu, so it lasts a quarter; "Regenerate" replaces it.</summary>
    public static readonly TimeSpan TeamAccessLifetime = TimeSpan.FromDays(90);

    /// <summary>The shortest and longest lifetime a caller may ask for.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    public long Id { get; private set; }

    /// <summary>SHA-256 of the token; the token itself is never stored.</summary>
    public required byte[] TokenHash { get; init; }

    public long? ContactId { get; private set; }
    public string? UserId { get; private set; }
    public MagicLinkPurpose Purpose { get; private set; }

    /// <summary>Where the link lands, as <see cref="LinkSection"/> writes it (home, courses, course:{id}…).</summary>
    public string TargetSection { get; private set; } = "home";

    public LinkSection Section => _issuedTo ?? LinkSection.Stored(TargetSection);

    /// <summary>The section as its issuer named it (a course by its title), for the issue's record; not stored.
    /// </summary>
    private LinkSection? _issuedTo;

    public LinkUsePolicy Policy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    /// <summary>The portal link epoch when issued; bumping the portal's epoch kills older links.</summary>
    public int Epoch { get; private set; }

    public DateTime? DeliveredAt { get; private set; }
    public DateTime? OpenedAt { get; private set; }
    public DateTime? ConsumedAt { get; private set; }

    /// <summary>Hash of the browser binding that consumed the link, for the short re-use grace window.</summary>
    public byte[]? ConsumedByBrowser { get; private set; }

    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    /// <summary>
    /// The one place a link is made (the dialog, the API, the command line, invites, login emails, SMS, workflows and
    /// the demo data): a fresh 256-bit token, the lifetime the portal's settings give its purpose unless the caller
    /// chose one, and the portal's current epoch. The issue is recorded by <see cref="Issued"/> once the link has its
    /// id.
    /// </summary>
    public static (MagicLink Link, string Token) Issue(LinkIssue issue, PortalSettings settings, string? createdBy,
        DateTime now)
    {
        var (token, hash) = SecretToken.New();
        var link = new MagicLink
        {
            TokenHash = hash,
            ContactId = issue.ContactId,
            UserId = issue.UserId,
            Purpose = issue.Purpose,
            TargetSection = issue.Section.Text,
            _issuedTo = issue.Section,
            Policy = issue.Policy
                     ?? (issue.Purpose == MagicLinkPurpose.TeamAccess ? LinkUsePolicy.ReusableUntilExpiry
                         : settings.DefaultLinkPolicy),
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = now + (issue.Lifetime ?? Lifetime(settings, issue.Purpose)),
            Epoch = settings.LinkEpoch,
        };
        return (link, token);
    }

    /// <summary>What is wrong with a link request before anything is stored; empty when nothing is.</summary>
    public static Problems Check(long? contactId, string? userId, string? section, TimeSpan? lifetime)
    {
        var problems = new Problems();
        if (contactId is null == userId is null) problems.Add("A link belongs to exactly one contact or one team " +
            "user.");
        if (!LinkSection.TryParse(section, out _)) problems.Add("Section", LinkSection.Unknown(section));
        if (lifetime is { } l && (l < MinLifetime || l > MaxLifetime)) problems.Add("Lifetime",
            "A link lasts from 5 minutes to 30 days.");
        return problems;
    }

    /// <summary>How long a link of this purpose lasts, from the portal's settings.</summary>
    public static TimeSpan Lifetime(PortalSettings s, MagicLinkPurpose purpose) =>
        purpose == MagicLinkPurpose.TeamAccess ? TeamAccessLifetime : TimeSpan.FromMinutes(purpose switch
        {
            MagicLinkPurpose.SelfRequested => s.SelfRequestedLinkMinutes,
            MagicLinkPurpose.Invite => s.InviteLinkMinutes,
            MagicLinkPurpose.LoginEmail => s.LoginEmailLinkMinutes,
            MagicLinkPurpose.Workflow => s.WorkflowLinkMinutes,
            _ => s.AdminLinkMinutes,
        });

    /// <summary>A link as the sign-in write reads it by hand (only what redemption needs), outside EF's
    /// materializer.</summary>
    public static MagicLink Read(long id, byte[] tokenHash, long? contactId, string? userId, MagicLinkPurpose purpose,
        string section,
        LinkUsePolicy policy, DateTime expiresAt, DateTime? consumedAt, byte[]? consumedByBrowser, DateTime? revokedAt,
            int epoch) =>
        new()
        {
            Id = id, TokenHash = tokenHash, ContactId = contactId, UserId = userId, Purpose = purpose,
                TargetSection = section,
            Policy = policy, ExpiresAt = expiresAt, ConsumedAt = consumedAt, ConsumedByBrowser = consumedByBrowser,
            RevokedAt = revokedAt, Epoch = epoch,
        };

    /// <summary>
    /// Whether the link still lets someone in at <paramref name="now"/>, and if not why. <paramref name="epoch"/> is
    /// the portal's link epoch: revoking every link bumps it. <see cref="OutstandingAt"/> is the same rule for a query;
    /// a test holds the two to the same answers.
    /// </summary>
    public LinkState StateAt(DateTime now, int epoch) =>
        RevokedAt is not null || Epoch != epoch ? LinkState.Revoked
        : Policy == LinkUsePolicy.SingleUse && ConsumedAt is not null ? LinkState.Used
        : ExpiresAt <= now ? LinkState.Expired
        : LinkState.Valid;

    /// <summary>The links whose <see cref="StateAt"/> is <see cref="LinkState.Valid"/>, as a query the database
    /// runs.</summary>
    public static Expression<Func<MagicLink, bool>> OutstandingAt(DateTime now, int epoch) =>
        l => l.RevokedAt == null && l.Epoch == epoch
             && (l.Policy != LinkUsePolicy.SingleUse || l.ConsumedAt == null)
             && l.ExpiresAt > now;

    /// <summary>A used single-use link may be used again by the browser that used it, within
    /// <see cref="GraceWindow"/>.</summary>
    public bool InGraceFor(byte[] browser, DateTime now, int epoch) =>
        Policy == LinkUsePolicy.SingleUse && ConsumedAt is { } consumedAt && now - consumedAt <= GraceWindow
        && ConsumedByBrowser is { } by && CryptographicOperations.FixedTimeEquals(by, browser)
        && RevokedAt is null && Epoch == epoch;

    public LinkLifecycle LifecycleAt(DateTime now, int epoch) =>
        StateAt(now, epoch) switch
        {
            LinkState.Revoked => LinkLifecycle.Revoked,
            LinkState.Used => LinkLifecycle.Used,
            LinkState.Expired => LinkLifecycle.Expired,
            _ when ConsumedAt is not null => LinkLifecycle.Used,
            _ when OpenedAt is not null => LinkLifecycle.Opened,
            _ when DeliveredAt is not null => LinkLifecycle.Delivered,
            _ => LinkLifecycle.Issued,
        };

    /// <summary>
    /// Records the issue once the database has given the link its id; <paramref name="via"/> says how it was sent
    /// ("by email (invite)"), when it was.
    /// </summary>
    public void Issued(Actor actor, DateTime now, string? via = null)
    {
        Raise(new MagicLinkIssued(Id, ContactId, Purpose, TargetSection, Section.Words, Policy, ExpiresAt, via, actor,
            now));
    }

    /// <summary>The first delivery of the link's message (later ones keep the first time).</summary>
    public void Delivered(DateTime at) => DeliveredAt ??= at;

    /// <summary>The link's landing page was first opened (a scanner or the learner; opening never uses it).</summary>
    public void Opened(DateTime at) => OpenedAt ??= at;

    /// <summary>
    /// The link let someone in from <paramref name="browser"/>: a single-use link records its one use, a reusable one
    /// keeps its first. The sign-in write does the same in one statement (<c>Consume</c>); MagicLinkRuleTests holds
    /// them together.
    /// </summary>
    public void Used(DateTime at, byte[]? browser)
    {
        if (Policy == LinkUsePolicy.SingleUse) (ConsumedAt, ConsumedByBrowser) = (at, browser);
        else ConsumedAt ??= at;
        LastUsedAt = at;
    }

    /// <summary>Stops the link working; false when it already was revoked.</summary>
    public bool Revoke(Actor actor, DateTime now)
    {
        if (RevokedAt is not null) return false;
        RevokedAt = now;
        Raise(new MagicLinkRevoked(Id, ContactId, Purpose, actor, now));
        return true;
    }
}
