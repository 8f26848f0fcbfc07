using System.Net;
using System.Text.RegularExpressions;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Identity;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using Microsoft.Extensions.Configuration;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Learners.Web;

public sealed class OidcPortalFactory(LocalOidcServer server) : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => server.PortalSettings;
}

public class OidcSignInWebTests : IAsyncLifetime
{
    private LocalOidcServer _server = default!;
    private OidcPortalFactory _factory = default!;

    public async Task InitializeAsync()
    {
        _server = await LocalOidcServer.StartAsync();
        _factory = new OidcPortalFactory(_server);
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Walks the flow: portal → provider (real HTTP) → the provider's form posted back → portal.</summary>
    private async Task<string> SignInThroughProviderAsync(HttpClient portal)
    {
        var challenge = await portal.GetAsync("/login/external/oidc?ReturnUrl=%2Fcourses");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(_server.BaseUrl + "/authorize", challenge.Headers.Location!.ToString());
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await (await provider.GetAsync(challenge.Headers.Location)).Content.ReadAsStringAsync();
        var action = new Uri(WebUtility.HtmlDecode(Regex.Match(page, "action=\"([^\"]+)\"").Groups[1].Value));
        Assert.Equal("/login/oidc/callback", action.AbsolutePath);
        var fields = Regex.Matches(page, "name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var afterCallback = await portal.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, afterCallback.StatusCode);
        var next = Location(afterCallback);
        if (next.StartsWith("/login?")) return next;
        return Location(await portal.GetAsync(next));
    }

    [Fact]
    public async Task Verified_email_matching_a_contact_signs_in_with_pkce_state_and_nonce_and_activates_it()
    {
        var data = new PortalData(_factory.Services);
        var contact = await data.ContactAsync("oidc.person@example.com");
        _server.Email = "OIDC.Person@example.com";
        var portal = _factory.NewClient();
        Assert.Contains("Continue with Example ID", await Forms.SignInMethodsAsync(portal, "oidc.person@example.com"));

        Assert.Equal("/courses", await SignInThroughProviderAsync(portal));
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/courses")).StatusCode);
        Assert.Equal(PortalStatus.Active, (await data.Get<ContactDirectory>().GetAsync(contact))!.PortalStatus);
        var authorize = Assert.Single(_server.AuthorizeRequests);
        Assert.Contains("code_challenge_method=S256", authorize);
        Assert.Contains("scope=openid%20email%20profile", authorize);
    }

    [Fact]
    public async Task Unknown_or_unverified_emails_do_not_sign_in()
    {
        _server.Email = "stranger@example.com";
        var portal = _factory.NewClient();
        Assert.Equal("/login?external=unknown", await SignInThroughProviderAsync(portal));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/")).StatusCode);

        await new PortalData(_factory.Services).ContactAsync("unverified@example.com");
        _server.Email = "unverified@example.com";
        _server.EmailVerified = false;
        Assert.Equal("/login?external=unverified", await SignInThroughProviderAsync(portal));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_forged_id_token_does_not_sign_in_and_the_learner_is_told()
    {
        await new PortalData(_factory.Services).ContactAsync("target@example.com");
        _server.Email = "target@example.com";
        _server.SignWithUnpublishedKey = true;
        var portal = _factory.NewClient();
        Assert.Equal("/login?external=failed", await SignInThroughProviderAsync(portal));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/")).StatusCode);
        Assert.Contains("That sign-in did not complete", await portal.GetStringAsync("/login?external=failed"));
    }
}

public sealed class GooglePortalFactory : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Portal:Google:ClientId", "google-client.apps.googleusercontent.com"),
            new("Portal:Google:ClientSecret", "google-secret")];
}

public class GoogleSignInWebTests(GooglePortalFactory factory) : IClassFixture<GooglePortalFactory>
{
    [Fact]
    public async Task The_google_preset_shows_its_button_and_sends_the_learner_to_google_with_pkce()
    {
        var portal = factory.NewClient();
        Assert.Contains("Continue with Google", await Forms.SignInMethodsAsync(portal, "someone@example.com"));
        var challenge = await portal.GetAsync("/login/external/google?ReturnUrl=%2Fcourses");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var to = challenge.Headers.Location!.ToString();
        Assert.StartsWith("https://accounts.google.com/", to);
        Assert.Contains("client_id=google-client.apps.googleusercontent.com", to);
        Assert.Contains("code_challenge_method=S256", to);
        Assert.Contains(Uri.EscapeDataString("https://portal.example.test/login/google/callback"), to);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync("/login/external/oidc")).StatusCode);
    }
}

public class RetiredOAuthSettingsTests
{
    [Fact]
    public void The_retired_oauth_keys_are_named_with_what_replaced_them()
    {
        var old = new ConfigurationBuilder().AddInMemoryCollection([new("Portal:OAuth:ClientId", "x")]).Build();
        var warning = ExternalSignIn.RetiredSettingsWarning(old);
        Assert.NotNull(warning);
        Assert.Contains("Portal:Oidc:Authority", warning);
        Assert.Contains("Portal:Google:ClientId", warning);
        Assert.Null(ExternalSignIn.RetiredSettingsWarning(new ConfigurationBuilder().Build()));
    }
}
