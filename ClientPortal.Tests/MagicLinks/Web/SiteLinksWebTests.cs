using System.Net;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.App.Features.Setup;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.MagicLinks.Web;

/// <summary>The portal's pair of magic links: the User link for the team, the Learner link for contacts, replaced
/// together.</summary>
public class SiteLinksWebTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Actor Admin = new("admin-id", "Ada Admin", Roles.Admin);

    [Fact]
    public async Task The_portals_two_links_open_what_their_holder_may_see_or_ask_them_to_sign_in()
    {
        var links = factory.Services.GetRequiredService<SiteLinks>();
        Assert.False((await links.GenerateAsync(Admin with { Role = Roles.Staff })).Succeeded);
        var pair = (await links.GenerateAsync(Admin)).Value!;
        var user = new Uri(pair.UserUrl).AbsolutePath;
        var learner = new Uri(pair.LearnerUrl).AbsolutePath;
        Assert.Matches("^/team/[A-Za-z0-9_-]{43}$", user);
        Assert.Matches("^/learn/[A-Za-z0-9_-]{43}$", learner);

        // Anyone: the User link asks for team sign-in first, the Learner link for the learner's email.
        var stranger = factory.NewClient();
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(user)}", Location(await stranger.GetAsync(user)));
        Assert.Equal("/login", Location(await stranger.GetAsync(learner)));

        // A team member: the learner portal as themselves (the preview of every product).
        await factory.Services.GetRequiredService<OwnerSetup>()
            .CreateOwnerAsync("owner@example.com", null, "Str0ng!Passw0rd");
        var team = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(team, "/account/login", "team-login",
            new Dictionary<string,
                string> { ["Input.Email"] = "owner@example.com", ["Input.Password"] = "Str0ng!Passw0rd" })).StatusCode);
        Assert.Equal("/admin/preview", Location(await team.GetAsync(user)));

        // A signed-in learner: the library.
        var contact = await new PortalData(factory.Services).ContactAsync("lena@example.com");
        var learnerClient = await factory.SignedInViaLinkAsync(contact);
        Assert.Equal("/", Location(await learnerClient.GetAsync(learner)));

        // A new pair: the old one stops working at once, and the portal never kept the links themselves.
        var next = (await links.GenerateAsync(Admin)).Value!;
        Assert.NotEqual(pair.UserUrl, next.UserUrl);
        Assert.Equal("/account/login?link=replaced", Location(await team.GetAsync(user)));
        Assert.Contains("That team link was replaced", await stranger.GetStringAsync("/account/login?link=replaced"));
        Assert.Equal("/login?link=replaced", Location(await stranger.GetAsync(learner)));
        Assert.Contains("That link was replaced", await stranger.GetStringAsync("/login?link=replaced"));
        Assert.Equal("/admin/preview", Location(await team.GetAsync(new Uri(next.UserUrl).AbsolutePath)));
        await using var db =
            factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var settings = db.Settings.Single();
        Assert.Equal(32, settings.SiteTeamLinkHash!.Length);
        Assert.DoesNotContain(next.UserUrl.Split('/')[^1],
            System.Text.Encoding.ASCII.GetString(settings.SiteTeamLinkHash));
        Assert.Equal("Ada Admin", settings.SiteLinksCreatedBy);
    }
}
