namespace ClientPortal.Domain.Entities;

/// <summary>A contact holds an offer. At most one unrevoked grant per contact and offer.</summary>
public class Grant
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public long OfferId { get; set; }
    public Offer? Offer { get; set; }
    public DateTime GrantedAt { get; set; }
    public string? GrantedBy { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    /// <summary>Groups the grants of one bulk operation so it can be undone as a whole.</summary>
    public Guid? BatchId { get; set; }

    public bool IsActiveAt(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public GrantState StateAt(DateTime now) =>
        RevokedAt is not null ? GrantState.Revoked
        : ExpiresAt is not null && ExpiresAt <= now ? GrantState.Expired
        : GrantState.Active;
}

public enum GrantState
{
    Active,
    Expired,
    Revoked,
}
