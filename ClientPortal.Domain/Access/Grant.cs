using System.Linq.Expressions;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

/// <summary>A contact holds an offer. At most one unrevoked grant per contact and offer.</summary>
public class Grant : EventSource
{
    public long Id { get; private set; }
    public long ContactId { get; private set; }
    public long OfferId { get; private set; }
    public Offer? Offer { get; private set; }
    public DateTime GrantedAt { get; private set; }
    public string? GrantedBy { get; private set; }
    public DateTime? ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    /// <summary>Groups the grants of one bulk operation so it can be undone as a whole.</summary>
    public Guid? BatchId { get; private set; }

    /// <summary>
    /// Whether the grant gives its offer at <paramref name="now"/>: not revoked and not expired. <see cref="ActiveAt"/>
    /// is the same rule for a query; GrantRuleTests holds the two to the same answers.
    /// </summary>
    public bool IsActiveAt(DateTime now) => StateAt(now) == GrantState.Active;

    /// <summary>The grants whose <see cref="IsActiveAt"/> is true, as a query the database runs.</summary>
    public static Expression<Func<Grant, bool>> ActiveAt(DateTime now) =>
        g => g.RevokedAt == null && (g.ExpiresAt == null || g.ExpiresAt > now);

    /// <summary>The grants not revoked (an expired one is still open until it is revoked or re-granted).</summary>
    public static readonly Expression<Func<Grant, bool>> Open = g => g.RevokedAt == null;

    public GrantState StateAt(DateTime now) =>
        RevokedAt is not null ? GrantState.Revoked
        : ExpiresAt is not null && ExpiresAt <= now ? GrantState.Expired
        : GrantState.Active;

    /// <summary>Gives the contact the offer (named <paramref name="offerName"/> in the audit trail).</summary>
    public static Grant Give(long contactId, long offerId, string offerName, DateTime? expiresAt, Actor actor,
        DateTime now, Guid? batchId)
    {
        var grant = new Grant
        {
            ContactId = contactId, OfferId = offerId, GrantedAt = now, GrantedBy = actor.Name, ExpiresAt = expiresAt,
                BatchId = batchId,
        };
        grant.Raise(new OfferAccessGranted(contactId, offerId, offerName, expiresAt, actor, now, batchId));
        return grant;
    }

    public void ChangeExpiry(DateTime? expiresAt, string offerName, Actor actor, DateTime now, Guid? batchId)
    {
        Raise(new GrantExpiryChanged(ContactId, OfferId, offerName, ExpiresAt, expiresAt, actor, now, batchId));
        ExpiresAt = expiresAt;
    }

    /// <summary>Closes an expired grant that a new one replaces (history keeps both).</summary>
    public void CloseExpired(DateTime now)
    {
        RevokedAt = now;
        RevokedBy = "expired; re-granted";
    }

    /// <returns>Whether the grant was still giving access (an expired one is only closed).</returns>
    public bool Revoke(string offerName, Actor actor, DateTime now, Guid? batchId)
    {
        var wasActive = IsActiveAt(now);
        RevokedAt = now;
        RevokedBy = actor.Name;
        Raise(new GrantRevoked(ContactId, OfferId, offerName, wasActive, actor, now, batchId));
        return wasActive;
    }

    /// <summary>Records the products this grant opened to the contact (those no other grant already gave).</summary>
    public void Opened(IEnumerable<long> productIds, DateTime now)
    {
        foreach (var p in productIds) Raise(new ProductAccessGranted(ContactId, p, now));
    }

    /// <summary>Records the products the contact lost with this grant (those no other grant still gives).</summary>
    public void Closed(IEnumerable<long> productIds, DateTime now)
    {
        foreach (var p in productIds) Raise(new ProductAccessRemoved(ContactId, p, now));
    }

    public static string Describe(DateTime? at) => at is null ? "never" : at.Value.ToString("yyyy-MM-dd HH:mm 'UTC'");
}

public enum GrantState
{
    Active,
    Expired,
    Revoked,
}
