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
public class BadRequestProcessTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private RunningPortal Portal => shared.Portal;

    [Fact]
    public async Task A_forged_or_missing_antiforgery_token_gets_a_clean_400_with_one_warning_each()
    {
        using var client = new HttpClient { BaseAddress = new Uri(Portal.BaseUrl) };
        var before = Portal.Output.Length;
        var missing = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        var bad = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/", ["__RequestVerificationToken"] = "CfDJ8-not-a-token",
        }));
        await AssertCleanAsync(missing, HttpStatusCode.BadRequest);
        await AssertCleanAsync(bad, HttpStatusCode.BadRequest);
        await AssertWarningsAsync(before, 2);
    }

    [Fact]
    public async Task A_huge_body_gets_a_clean_413_with_one_warning()
    {
        using var client = new HttpClient { BaseAddress = new Uri(Portal.BaseUrl) };
        var before = Portal.Output.Length;
        // As curl sends a large body: it waits for "100 Continue", so the refusal arrives before the body is sent.
        var huge = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "/l/" + new string('a', 43) + "/continue")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string,
                string> { ["x"] = new string('x', 10 * 1024 * 1024) }),
            Headers = { ExpectContinue = true },
        });
        await AssertCleanAsync(huge, HttpStatusCode.RequestEntityTooLarge);
        await AssertWarningsAsync(before, 1);
    }

    private static async Task AssertCleanAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>", body);
        Assert.DoesNotContain("Exception", body);
    }

    /// <summary>The console since <paramref name="before"/> holds <paramref name="count"/> warnings (waited for: a
    /// line is written after its response), no failure and no stack trace.</summary>
    private async Task AssertWarningsAsync(int before, int count)
    {
        static int Warnings(string log) => log.Split('\n').Count(l => l.StartsWith("warn:"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Warnings(Portal.Output[before..]) < count && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(300); // and no more than those arrive
        var log = Portal.Output[before..];
        Assert.DoesNotContain("fail:", log);
        Assert.DoesNotContain("   at ", log);
        Assert.Equal(count, Warnings(log));
    }
}
