using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Access.Domain;

/// <summary>A grant's rules on the entity alone, without a database.</summary>
public class GrantEntityTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_grant_is_active_until_it_expires_or_is_revoked()
    {
        var grant = Grant.Give(1, 2, "Starter", Now.AddDays(1), Seed.Admin, Now, null);
        Assert.True(grant.IsActiveAt(Now));
        Assert.Equal(GrantState.Active, grant.StateAt(Now));
        Assert.False(grant.IsActiveAt(Now.AddDays(1))); // expiring this instant gives no access
        Assert.Equal(GrantState.Expired, grant.StateAt(Now.AddDays(1)));
        Assert.Contains(grant.DomainEvents, e => e is OfferAccessGranted { ContactId: 1, OfferId: 2 });
    }

    [Fact]
    public void Revoking_an_active_grant_removes_access()
    {
        var active = Grant.Give(1, 2, "Starter", null, Seed.Admin, Now, null);
        active.ClearDomainEvents();
        Assert.True(active.Revoke("Starter", Seed.Admin, Now, null));
        Assert.Equal(GrantState.Revoked, active.StateAt(Now));
        Assert.Contains(active.DomainEvents, e => e is GrantRevoked { WasActive: true });
    }

    [Fact]
    public void Revoking_an_expired_grant_only_closes_it()
    {
        var expired = Grant.Give(1, 3, "Old", Now.AddDays(-1), Seed.Admin, Now.AddDays(-10), null);
        expired.ClearDomainEvents();
        Assert.False(expired.Revoke("Old", Seed.Admin, Now, null));
        var closed = Assert.IsType<GrantRevoked>(Assert.Single(expired.DomainEvents));
        Assert.False(closed.WasActive);
        Assert.Null(PublicEvents.From(closed)); // not an offer.revoked for other systems: it gave no access
        Assert.Equal("grant.revoke", AuditTrail.RowOf(closed)!.Action);
    }
}
