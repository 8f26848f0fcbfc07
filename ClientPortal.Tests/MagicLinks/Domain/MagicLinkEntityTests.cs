using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.MagicLinks.Domain;

/// <summary>The link's rules on the entity alone, without a database.</summary>
public class MagicLinkEntityTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Browser = [1, 2, 3, 4];

    private static MagicLink Link(LinkUsePolicy policy = LinkUsePolicy.SingleUse) =>
        MagicLink.Issue(new LinkIssue(1, null, MagicLinkPurpose.AdminGenerated, LinkSection.Home, policy,
            TimeSpan.FromHours(2)),
            new PortalSettings { LinkEpoch = 3 }, "test", Now.AddHours(-1)).Link;

    [Fact]
    public void A_new_link_takes_its_lifetime_from_the_settings_for_its_purpose_and_the_portals_epoch()
    {
        var settings = new PortalSettings { LinkEpoch = 7, InviteLinkMinutes = 60 * 24 * 3,
            DefaultLinkPolicy = LinkUsePolicy.SingleUse };
        var (invite, token) = MagicLink.Issue(new LinkIssue(1, null, MagicLinkPurpose.Invite, LinkSection.Course(12)),
            settings, "Ada", Now);
        Assert.Equal((Now.AddDays(3), 7, LinkUsePolicy.SingleUse, "/courses/12"),
            (invite.ExpiresAt, invite.Epoch, invite.Policy, invite.Section.Path));
        Assert.Equal(ClientPortal.Domain.Security.SecretToken.Hash(token), invite.TokenHash);
        var (team, _) = MagicLink.Issue(new LinkIssue(null, "user-1", MagicLinkPurpose.TeamAccess, LinkSection.Home),
            settings, "Ada", Now);
        Assert.Equal((Now + MagicLink.TeamAccessLifetime, LinkUsePolicy.ReusableUntilExpiry),
            (team.ExpiresAt, team.Policy));
        Assert.Empty(invite.DomainEvents); // recorded once it has its id
        invite.Issued(Seed.Admin, Now, "by email (Invite)");
        var issued = Assert.IsType<MagicLinkIssued>(Assert.Single(invite.DomainEvents));
        Assert.Equal(("link.issue", "Ada"),
            (AuditTrail.RowOf(issued)!.Action, issued.Actor.Name == Seed.Admin.Name ? "Ada" : issued.Actor.Name));
        Assert.EndsWith(", sent by email (Invite)", AuditTrail.RowOf(issued)!.Details);
    }

    [Fact]
    public void A_request_for_nobody_for_two_or_for_an_unknown_section_or_lifetime_is_refused_before_anything_is_made()
    {
        Assert.Single(MagicLink.Check(null, null, "home", null));
        Assert.Single(MagicLink.Check(1, "user-1", "home", null));
        Assert.Equal(["Unknown section 'https://evil.example'. Use home, courses, course:ID, communities or " +
            "affiliates."],
            MagicLink.Check(1, null, "https://evil.example", null));
        Assert.Single(MagicLink.Check(1, null, "home", TimeSpan.FromMinutes(4)));
        Assert.Empty(MagicLink.Check(1, null, "course:3", TimeSpan.FromDays(30)));
    }

    [Fact]
    public void Revoked_beats_used_and_used_beats_expired()
    {
        var link = Link();
        Assert.Equal(LinkState.Valid, link.StateAt(Now, 3));
        Assert.Equal(LinkState.Revoked, link.StateAt(Now, 4)); // the portal revoked every link since
        Assert.Equal(LinkState.Expired, link.StateAt(link.ExpiresAt, 3)); // expiring this instant is expired
        link.Used(Now.AddMinutes(-5), Browser);
        Assert.Equal(LinkState.Used, link.StateAt(Now, 3));
        Assert.Equal(LinkState.Used, link.StateAt(link.ExpiresAt, 3));
        link.Revoke(Seed.Admin, Now.AddMinutes(-1));
        Assert.Equal(LinkState.Revoked, link.StateAt(Now, 3));
    }

    [Fact]
    public void A_reusable_link_stays_valid_after_use_until_it_expires()
    {
        var link = Link(LinkUsePolicy.ReusableUntilExpiry);
        link.Used(Now.AddMinutes(-5), Browser);
        Assert.Equal(LinkState.Valid, link.StateAt(Now, 3));
        Assert.Equal(LinkState.Expired, link.StateAt(link.ExpiresAt, 3));
    }

    [Fact]
    public void Only_the_browser_that_used_a_single_use_link_gets_the_grace_window_and_only_within_it()
    {
        var link = Link();
        link.Used(Now, Browser);
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
        Assert.Single(link.DomainEvents.OfType<MagicLinkRevoked>());
        Assert.Single(link.DomainEvents);
    }
}
