using System.Net;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Web;

public sealed class OAuthPortalFactory(LocalOAuthServer server) : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => server.PortalSettings;
}

public class OAuthWebTests : IAsyncLifetime
{
    private LocalOAuthServer _server = default!;
    private OAuthPortalFactory _factory = default!;

    public async Task InitializeAsync()
    {
        _server = await LocalOAuthServer.StartAsync();
        _factory = new OAuthPortalFactory(_server);
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Walks the redirect chain: portal → provider (real HTTP) → portal callback → portal.</summary>
    private async Task<string> SignInThroughProviderAsync(HttpClient portal)
    {
        var challenge = await portal.GetAsync("/login/oauth?ReturnUrl=%2Fcourses");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(_server.BaseUrl + "/authorize", challenge.Headers.Location!.ToString());
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var approved = await provider.GetAsync(challenge.Headers.Location);
        var callback = approved.Headers.Location!;
        Assert.Equal("/login/oauth/callback", callback.AbsolutePath);
        var afterCallback = await portal.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, afterCallback.StatusCode);
        var done = await portal.GetAsync(Location(afterCallback));
        return Location(done);
    }

    [Fact]
    public async Task Verified_email_matching_a_contact_signs_in_and_activates_it()
    {
        var data = new PortalData(_factory.Services);
        var contact = await data.ContactAsync("oauth.person@example.com");
        _server.Email = "OAuth.Person@example.com";
        var portal = _factory.NewClient();
        Assert.Contains("Continue with Example ID", await portal.GetStringAsync("/login"));

        Assert.Equal("/courses", await SignInThroughProviderAsync(portal));
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/courses")).StatusCode);
        Assert.Equal(PortalStatus.Active, (await data.Get<ContactDirectory>().GetAsync(contact))!.PortalStatus);
    }

    [Fact]
    public async Task Unknown_or_unverified_emails_do_not_sign_in()
    {
        _server.Email = "stranger@example.com";
        var portal = _factory.NewClient();
        Assert.Equal("/login?oauth=unknown", await SignInThroughProviderAsync(portal));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/")).StatusCode);

        await new PortalData(_factory.Services).ContactAsync("unverified@example.com");
        _server.Email = "unverified@example.com";
        _server.EmailVerified = false;
        Assert.Equal("/login?oauth=unverified", await SignInThroughProviderAsync(portal));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/")).StatusCode);
    }
}
