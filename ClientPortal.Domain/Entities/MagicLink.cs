using System.Linq.Expressions;
using System.Security.Cryptography;
using ClientPortal.Domain.Events;
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

public class MagicLink : EventSource
{
    /// <summary>A repeat from the browser that consumed a single-use link, this soon after, is let in again (double click, back button).</summary>
    public static readonly TimeSpan GraceWindow = TimeSpan.FromSeconds(60);

    public long Id { get; set; }

    /// <summary>SHA-256 of the token; the token itself is never stored.</summary>
    public required byte[] TokenHash { get; set; }

    public long? ContactId { get; set; }
    public string? UserId { get; set; }
    public MagicLinkPurpose Purpose { get; set; }

    /// <summary>home, courses, course:{id}, communities, affiliates.</summary>
    public string TargetSection { get; set; } = "home";

    public LinkUsePolicy Policy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>The portal link epoch when issued; bumping the portal's epoch kills older links.</summary>
    public int Epoch { get; set; }

    public DateTime? DeliveredAt { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? ConsumedAt { get; set; }

    /// <summary>Hash of the browser binding that consumed the link, for the short re-use grace window.</summary>
    public byte[]? ConsumedByBrowser { get; set; }

    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>
    /// Whether the link still lets someone in at <paramref name="now"/>, and if not why. <paramref name="epoch"/> is the
    /// portal's link epoch: revoking every link bumps it. <see cref="OutstandingAt"/> is the same rule for a query; a test
    /// holds the two to the same answers.
    /// </summary>
    public LinkState StateAt(DateTime now, int epoch) =>
        RevokedAt is not null || Epoch != epoch ? LinkState.Revoked
        : Policy == LinkUsePolicy.SingleUse && ConsumedAt is not null ? LinkState.Used
        : ExpiresAt <= now ? LinkState.Expired
        : LinkState.Valid;

    /// <summary>The links whose <see cref="StateAt"/> is <see cref="LinkState.Valid"/>, as a query the database runs.</summary>
    public static Expression<Func<MagicLink, bool>> OutstandingAt(DateTime now, int epoch) =>
        l => l.RevokedAt == null && l.Epoch == epoch
             && (l.Policy != LinkUsePolicy.SingleUse || l.ConsumedAt == null)
             && l.ExpiresAt > now;

    /// <summary>A used single-use link may be used again by the browser that used it, within <see cref="GraceWindow"/>.</summary>
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

    /// <summary>Records the issue once the database has given the link its id.</summary>
    public void Issued(Actor actor, DateTime now)
    {
        Raise(new Audited("link.issue", ContactId, Purpose.ToString(), $"section {TargetSection}, {Policy}, expires {ExpiresAt:yyyy-MM-dd HH:mm} UTC", actor, now));
        Raise(new MagicLinkIssued(Id, ContactId, Purpose.ToString(), now));
    }

    /// <summary>Stops the link working; false when it already was revoked.</summary>
    public bool Revoke(Actor actor, DateTime now)
    {
        if (RevokedAt is not null) return false;
        RevokedAt = now;
        Raise(new Audited("link.revoke", ContactId, Purpose.ToString(), null, actor, now));
        Raise(new MagicLinksRevoked(ContactId, 1, now));
        return true;
    }
}
