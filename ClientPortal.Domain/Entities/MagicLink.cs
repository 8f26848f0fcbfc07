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

public class MagicLink
{
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
}
