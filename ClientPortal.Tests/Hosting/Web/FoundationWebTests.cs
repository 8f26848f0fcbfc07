using System.Net;
using ClientPortal.App.Features.Setup;
using ClientPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Hosting.Web;

public class FoundationWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public FoundationWebTests(PortalFactory factory) => _factory = factory;

    [Fact]
    public async Task Admin_redirects_anonymous_users_to_team_sign_in()
    {
        var client = _factory.NewClient();
        var response = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fadmin", Location(response));

        var team = await client.GetAsync("/admin/team");
        Assert.Equal(HttpStatusCode.Redirect, team.StatusCode);
        Assert.StartsWith("/account/login", Location(team));
    }

    [Fact]
    public async Task Home_sends_anonymous_visitors_to_the_learner_login()
    {
        var client = _factory.NewClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", Location(response));
        var login = await client.GetStringAsync("/login");
        Assert.Contains("Sign in", login);
    }

    [Fact]
    public async Task Healthz_answers_when_the_database_does()
    {
        var response = await _factory.NewClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy\ndatabase: Healthy\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_pages_get_a_friendly_404()
    {
        var response = await _factory.NewClient().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Its own app instance: claiming the Owner changes the portal for every later test.</summary>
public class SetupLinkWebTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> OwnerForm(string email) => new()
    {
        ["Input.DisplayName"] = "Olive Owner",
        ["Input.Email"] = email,
        ["Input.Password"] = "Str0ng!Passw0rd",
        ["Input.ConfirmPassword"] = "Str0ng!Passw0rd",
    };

    [Fact]
    public async Task Setup_link_creates_the_owner_once_and_only_once()
    {
        var client = _factory.NewClient();
        var token = await _factory.Services.GetRequiredService<OwnerSetup>().IssueSetupTokenAsync();
        Assert.NotNull(token);

        var page = await client.GetStringAsync($"/setup/{token}");
        Assert.Contains("Create the Owner account", page);

        var claim = await Forms.SubmitAsync(client, $"/setup/{token}", "setup", OwnerForm("owner@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, claim.StatusCode);
        Assert.Equal("/admin", Location(claim));

        // Signed in as the Owner: the dashboard is served (it renders over the circuit; see the browser test).
        var dashboard = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("_framework/blazor.web.js", await dashboard.Content.ReadAsStringAsync());

        // The link is dead now, for anyone.
        var other = _factory.NewClient();
        var again = await other.GetStringAsync($"/setup/{token}");
        Assert.Contains("no longer valid", again);
        Assert.DoesNotContain("Create the Owner account", again);
        Assert.False(await _factory.Services.GetRequiredService<OwnerSetup>().IsSetupTokenLiveAsync(token));
        Assert.Null(await _factory.Services.GetRequiredService<OwnerSetup>().IssueSetupTokenAsync());
    }

    [Fact]
    public async Task A_forged_setup_post_without_antiforgery_is_refused()
    {
        var token = await _factory.Services.GetRequiredService<OwnerSetup>().IssueSetupTokenAsync();
        var client = _factory.NewClient();
        var body = new Dictionary<string, string>(OwnerForm("owner@example.com")) { ["_handler"] = "setup" };
        var response = await client.PostAsync($"/setup/{token}", new FormUrlEncodedContent(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await _factory.Services.GetRequiredService<OwnerSetup>().IsSetupTokenLiveAsync(token));
    }

    [Fact]
    public async Task Unknown_setup_token_shows_the_dead_link_page()
    {
        var page = await _factory.NewClient().GetStringAsync("/setup/not-a-real-token");
        Assert.Contains("no longer valid", page);
    }
}

public class BrandingWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public BrandingWebTests(PortalFactory factory) => _factory = factory;

    [Fact]
    public async Task Saved_portal_name_shows_on_the_next_page_without_a_restart()
    {
        var store = _factory.Services.GetRequiredService<ClientPortal.App.Features.Settings.PortalSettingsStore>();
        var current = await store.GetAsync();
        var outcome = await store.UpdateAsync(new ClientPortal.Domain.Settings.SettingsInput("Sourdough Academy", null,
            "#0f766e", null, null,
            current.SelfRequestedLinkMinutes, current.InviteLinkMinutes, current.LoginEmailLinkMinutes,
                current.AdminLinkMinutes,
            current.WorkflowLinkMinutes, current.DefaultLinkPolicy),
                new ClientPortal.Domain.Security.Actor("o", "owner", ClientPortal.Domain.Entities.Roles.Owner));
        Assert.True(outcome.Succeeded, outcome.ErrorText);
        var login = await _factory.NewClient().GetStringAsync("/login");
        Assert.Contains("Sign in · Sourdough Academy", login);
        Assert.Contains("--cp-brand: #0f766e", login);
    }
}
