using ClientPortal.App.Features.MagicLinks;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.MagicLinks.Services;

public class MagicLinkTests
{
    private static readonly Actor Visitor = Actor.System("visitor");

    private sealed record Links(MagicLinkIssuing Issuing, MagicLinkRedemption Redemption, MagicLinkQueries Queries);

    private static async Task<(DomainHost Host, Links Links, long ContactId)> SetupAsync()
    {
        var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com", "Ada");
        return (host,
            new Links(host.Get<MagicLinkIssuing>(), host.Get<MagicLinkRedemption>(), host.Get<MagicLinkQueries>()),
            contact);
    }

    private static async Task<IssuedLink> IssueAsync(Links links, long contact,
        MagicLinkPurpose purpose = MagicLinkPurpose.AdminGenerated,
        string? section = null, LinkUsePolicy? policy = null) =>
        (await links.Issuing.IssueAsync(new LinkRequest(contact, null, purpose, section, policy), Seed.Admin)).Value!;

    [Fact]
    public async Task Token_is_256_bits_stored_only_as_its_hash_with_lifetimes_per_purpose()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var expected = new Dictionary<MagicLinkPurpose, TimeSpan>
        {
            [MagicLinkPurpose.SelfRequested] = TimeSpan.FromMinutes(15),
            [MagicLinkPurpose.Invite] = TimeSpan.FromDays(7),
            [MagicLinkPurpose.LoginEmail] = TimeSpan.FromHours(24),
            [MagicLinkPurpose.AdminGenerated] = TimeSpan.FromDays(7),
            [MagicLinkPurpose.Workflow] = TimeSpan.FromHours(72),
        };
        foreach (var (purpose, lifetime) in expected)
        {
            var link = await IssueAsync(links, contact, purpose);
            Assert.Equal(43, link.Token.Length);
            Assert.Equal(32, Convert.FromBase64String(link.Token.Replace('-', '+').Replace('_', '/') + "=").Length);
            Assert.Equal(now + lifetime, link.ExpiresAt);
            Assert.EndsWith($"/l/{link.Token}", link.Url);
        }
        await using var db = host.NewDb();
        var stored = await db.MagicLinks.ToListAsync();
        Assert.All(stored, l => Assert.Equal(32, l.TokenHash.Length));
        var dump = string.Join("|", (await db.AuditEvents.ToListAsync()).Select(a => a.Details + a.Subject));
        Assert.DoesNotContain(stored.Count > 0 ? "/l/" : "x", dump);
    }

    [Fact]
    public async Task Inspecting_a_link_never_consumes_it()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var link = await IssueAsync(links, contact, section: "courses");

        for (var i = 0; i < 3; i++)
        {
            var view = await links.Redemption.InspectAsync(link.Token);
            Assert.Equal(LinkState.Valid, view.State);
            Assert.Equal("a•••@example.com", view.MaskedEmail);
        }
        Assert.True((await links.Redemption.RedeemAsync(link.Token, "browser-1", Visitor)).Succeeded);
    }

    [Fact]
    public async Task A_single_use_link_signs_in_one_browser_once()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var link = await IssueAsync(links, contact, section: "courses");

        var first = await links.Redemption.RedeemAsync(link.Token, "browser-1", Visitor);
        Assert.True(first.Succeeded);
        Assert.Equal("/courses", first.TargetPath);
        Assert.Equal(contact, first.ContactId);

        var other = await links.Redemption.RedeemAsync(link.Token, "browser-2", Visitor);
        Assert.False(other.Succeeded);
        Assert.Equal(LinkState.Used, other.State);
        Assert.Equal(LinkState.Used, (await links.Redemption.InspectAsync(link.Token)).State);
    }

    [Fact]
    public async Task Same_browser_may_repeat_within_sixty_seconds_only()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var link = await IssueAsync(links, contact);
        Assert.True((await links.Redemption.RedeemAsync(link.Token, "b", Visitor)).Succeeded);
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await links.Redemption.RedeemAsync(link.Token, "b", Visitor)).Succeeded);
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False((await links.Redemption.RedeemAsync(link.Token, "b", Visitor)).Succeeded);
    }

    [Fact]
    public async Task Expired_revoked_unknown_and_malformed_links_fail()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var expiring = await IssueAsync(links, contact, MagicLinkPurpose.SelfRequested);
        var revoked = await IssueAsync(links, contact);
        await links.Issuing.RevokeAsync(revoked.Id, Seed.Admin);
        host.Clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(LinkState.Expired, (await links.Redemption.RedeemAsync(expiring.Token, "b", Visitor)).State);
        Assert.Equal(LinkState.Revoked, (await links.Redemption.RedeemAsync(revoked.Token, "b", Visitor)).State);
        Assert.Equal(LinkState.Unknown, (await links.Redemption.RedeemAsync(new string('A', 43), "b", Visitor)).State);
        Assert.Equal(LinkState.Unknown, (await links.Redemption.InspectAsync("../../etc/passwd")).State);
        Assert.Null((await links.Redemption.InspectAsync(expiring.Token))
            .MaskedEmail); // a dead link says nothing about its owner
    }

    [Fact]
    public async Task Reusable_links_work_until_expiry()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var link = await IssueAsync(links, contact, MagicLinkPurpose.AdminGenerated,
            policy: LinkUsePolicy.ReusableUntilExpiry);
        for (var i = 0; i < 3; i++) Assert.True((await links.Redemption.RedeemAsync(link.Token, $"browser-{i}",
            Visitor)).Succeeded);
        host.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(LinkState.Expired, (await links.Redemption.RedeemAsync(link.Token, "browser-9", Visitor)).State);
    }

    [Fact]
    public async Task Signing_in_retires_the_contacts_other_single_use_links_but_not_reusable_ones()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var a = await IssueAsync(links, contact);
        var b = await IssueAsync(links, contact);
        var keep = await IssueAsync(links, contact, policy: LinkUsePolicy.ReusableUntilExpiry);
        Assert.True((await links.Redemption.RedeemAsync(a.Token, "x", Visitor)).Succeeded);
        Assert.Equal(LinkState.Revoked, (await links.Redemption.InspectAsync(b.Token)).State);
        Assert.Equal(LinkState.Valid, (await links.Redemption.InspectAsync(keep.Token)).State);
    }

    [Fact]
    public async Task Revoking_a_contacts_links_kills_every_outstanding_one_and_counts_them()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var used = await IssueAsync(links, contact);
        Assert.True((await links.Redemption.RedeemAsync(used.Token, "x", Visitor)).Succeeded);
        var keep = await IssueAsync(links, contact, policy: LinkUsePolicy.ReusableUntilExpiry);
        var fresh = await IssueAsync(links, contact);

        Assert.Equal(2, await links.Issuing.RevokeAllForContactAsync(contact, Seed.Admin)); // keep + fresh
        Assert.False((await links.Redemption.RedeemAsync(fresh.Token, "x", Visitor)).Succeeded);
        Assert.False((await links.Redemption.RedeemAsync(keep.Token, "x", Visitor)).Succeeded);
        Assert.Contains((await links.Queries.ForContactAsync(contact)), r => r.Id == fresh.Id
            && r.State == LinkLifecycle.Revoked);
    }

    [Fact]
    public async Task Regenerate_all_bumps_the_epoch_and_reports_how_many_links_died()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var other = await Seed.ContactAsync(host, "bo@example.com");
        var l1 = await IssueAsync(links, contact);
        var l2 = await IssueAsync(links, other, policy: LinkUsePolicy.ReusableUntilExpiry);
        Assert.Equal(2, await links.Queries.CountOutstandingAsync());

        Assert.False((await links.Issuing.RegenerateAllAsync(Seed.Admin)).Succeeded); // Owner only
        var owner = Seed.Admin with { Role = Roles.Owner };
        Assert.Equal(2, (await links.Issuing.RegenerateAllAsync(owner)).Value);
        Assert.Equal(LinkState.Revoked, (await links.Redemption.RedeemAsync(l1.Token, "x", Visitor)).State);
        Assert.Equal(LinkState.Revoked, (await links.Redemption.RedeemAsync(l2.Token, "x", Visitor)).State);
        var after = await IssueAsync(links, contact);
        Assert.True((await links.Redemption.RedeemAsync(after.Token, "x", Visitor)).Succeeded);
    }

    [Fact]
    public async Task Racing_redemptions_of_one_single_use_link_sign_in_exactly_one()
    {
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        for (var round = 0; round < 5; round++)
        {
            var link = await IssueAsync(links, contact);
            using var start = new ManualResetEventSlim();
            var racers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await links.Redemption.RedeemAsync(link.Token, $"browser-{round}-{i}", Visitor);
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(racers);
            Assert.Equal(1, results.Count(r => r.Succeeded));
        }
    }

    [Theory]
    [InlineData("home", "/")]
    [InlineData("courses", "/courses")]
    [InlineData("communities", "/communities")]
    [InlineData("affiliates", "/affiliates")]
    [InlineData("course:12", "/courses/12")]
    [InlineData(" Course:12 ", "/courses/12")]
    [InlineData("", "/")]
    public void Sections_resolve_to_local_paths(string section, string path)
    {
        Assert.True(LinkSection.TryParse(section, out var parsed));
        Assert.Equal(path, parsed.Path);
        Assert.Equal(parsed, LinkSection.OfPath(path)); // a sign-in started on that page asks for a link back to it
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("course:../../x")]
    [InlineData("course:-1")]
    [InlineData("\\\\evil")]
    public async Task Foreign_or_malformed_sections_are_refused(string section)
    {
        Assert.False(LinkSection.TryParse(section, out _));
        Assert.Equal("/", LinkSection.Stored(section).Path);
        var (host, links, contact) = await SetupAsync();
        await using var disposeHost = host;
        Assert.False((await links.Issuing.IssueAsync(new LinkRequest(contact, null, MagicLinkPurpose.AdminGenerated,
            section), Seed.Admin)).Succeeded);
    }

    [Fact]
    public async Task A_deleted_contacts_link_signs_nobody_in_even_posted_straight_to_redemption()
    {
        // The sign-in write reads the contact with the link in its own SQL; the soft-delete rule must hold there too.
        var (host, links, contact) = await SetupAsync();
        await using var _ = host;
        var link = await IssueAsync(links, contact);
        Assert.True((await host.Get<ClientPortal.App.Features.Contacts.ContactDirectory>()
            .DeleteAsync(contact, Seed.Admin)).Succeeded);
        var redemption = await links.Redemption.RedeemAsync(link.Token, "browser-1", Visitor);
        Assert.False(redemption.Succeeded);
        Assert.Equal(LinkState.Revoked, redemption.State);
        await using var db = host.NewDb();
        Assert.False(await db.SignInSessions.AnyAsync());
        Assert.Null((await db.MagicLinks.SingleAsync(l => l.Id == link.Id)).ConsumedAt);
    }
}
