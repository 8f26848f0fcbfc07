using System.Net;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Security.Web;

/// <summary>Findings of the attack run: each test here failed on the code before its fix.</summary>
public class SecurityHardeningWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public SecurityHardeningWebTests(PortalFactory factory) => _factory = factory;

    [Fact]
    public async Task Hsts_asks_browsers_for_a_year_without_subdomains_by_default()
    {
        var response = await _factory.NewClient().GetAsync("/login");
        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Hsts_age_and_subdomains_are_the_owners_choice()
    {
        await using var factory = new ConfiguredFactory(new() { ["Portal:Hsts:MaxAgeDays"] = "730",
            ["Portal:Hsts:IncludeSubDomains"] = "true" });
        var response = await factory.NewClient().GetAsync("/login");
        Assert.Equal("max-age=63072000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security")
            .Single());
    }

    private sealed class ConfiguredFactory(Dictionary<string, string> settings) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => settings;
    }
}

/// <summary>Requests the portal cannot read, against the real executable (real Kestrel limits, real console
/// log).</summary>
public class BadRequestProcessTests
{
    [Fact]
    public async Task A_forged_sign_out_and_a_huge_body_get_a_clean_400_and_413_with_one_warning_each()
    {
        await using var portal = await RunningPortal.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        var before = portal.Output.Length;

        var missing = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        var bad = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/", ["__RequestVerificationToken"] = "CfDJ8-not-a-token",
        }));
        // As curl sends a large body: it waits for "100 Continue", so the refusal arrives before the body is sent.
        var huge = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "/l/" + new string('a', 43) + "/continue")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string,
                string> { ["x"] = new string('x', 10 * 1024 * 1024) }),
            Headers = { ExpectContinue = true },
        });

        foreach (var (response, status) in new[] { (missing, HttpStatusCode.BadRequest),
            (bad, HttpStatusCode.BadRequest), (huge, HttpStatusCode.RequestEntityTooLarge) })
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("<h1>", body);
            Assert.DoesNotContain("Exception", body);
        }
        await Task.Delay(300); // let the console output of the last request arrive
        var log = portal.Output[before..];
        Assert.DoesNotContain("fail:", log);
        Assert.DoesNotContain("   at ", log);
        Assert.Equal(3, log.Split('\n').Count(l => l.StartsWith("warn:")));
    }
}
