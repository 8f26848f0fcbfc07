using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.MagicLinks.Domain;

/// <summary>The link's rules on the entity alone, without a database.</summary>
public class MagicLinkEntityTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Browser = [1, 2, 3, 4];

    private static MagicLink Link(LinkUsePolicy policy = LinkUsePolicy.SingleUse) => new()
    {
        TokenHash = new byte[32], Policy = policy, Epoch = 3, CreatedAt = Now.AddHours(-1), ExpiresAt = Now.AddHours(1),
    };

    [Fact]
    public void Revoked_beats_used_and_used_beats_expired()
    {
        var link = Link();
        Assert.Equal(LinkState.Valid, link.StateAt(Now, 3));
        Assert.Equal(LinkState.Revoked, link.StateAt(Now, 4)); // the portal revoked every link since
        link.ExpiresAt = Now;
        Assert.Equal(LinkState.Expired, link.StateAt(Now, 3)); // expiring this instant is expired
        link.ConsumedAt = Now.AddMinutes(-5);
        Assert.Equal(LinkState.Used, link.StateAt(Now, 3));
        link.RevokedAt = Now.AddMinutes(-1);
        Assert.Equal(LinkState.Revoked, link.StateAt(Now, 3));
    }

    [Fact]
    public void A_reusable_link_stays_valid_after_use_until_it_expires()
    {
        var link = Link(LinkUsePolicy.ReusableUntilExpiry);
        link.ConsumedAt = Now.AddMinutes(-5);
        Assert.Equal(LinkState.Valid, link.StateAt(Now, 3));
        Assert.Equal(LinkState.Expired, link.StateAt(link.ExpiresAt, 3));
    }

    [Fact]
    public void Only_the_browser_that_used_a_single_use_link_gets_the_grace_window_and_only_within_it()
    {
        var link = Link();
        link.ConsumedAt = Now;
        link.ConsumedByBrowser = Browser;
        Assert.True(link.InGraceFor(Browser, Now + MagicLink.GraceWindow, 3));
        Assert.False(link.InGraceFor(Browser, Now + MagicLink.GraceWindow + TimeSpan.FromSeconds(1), 3));
        Assert.False(link.InGraceFor([9, 9, 9, 9], Now, 3));
        Assert.False(link.InGraceFor(Browser, Now, 4));
        Assert.True(link.Revoke(Seed.Admin, Now));
        Assert.False(link.InGraceFor(Browser, Now, 3));
    }

    [Fact]
    public void Revoking_twice_records_once()
    {
        var link = Link();
        Assert.True(link.Revoke(Seed.Admin, Now));
        Assert.False(link.Revoke(Seed.Admin, Now.AddMinutes(1)));
        Assert.Single(link.DomainEvents.OfType<Audited>());
        Assert.Single(link.DomainEvents.OfType<MagicLinksRevoked>());
    }
}
