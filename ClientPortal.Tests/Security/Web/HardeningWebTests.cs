using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Security.Web;

public class HardeningWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;
    private readonly PortalData _data;

    public HardeningWebTests(PortalFactory factory)
    {
        _factory = factory;
        _data = new PortalData(factory.Services);
    }

    [Theory]
    [InlineData("/login")] // learner page (static)
    [InlineData("/account/login")] // team sign-in
    [InlineData("/admin")] // admin (redirects to sign-in)
    [InlineData("/l/notatokenatallnotatokenatallnotatokenatall1")] // magic-link landing (dead link)
    [InlineData("/healthz")] // plain endpoint
    [InlineData("/no-such-page")] // 404 page
    [InlineData("/_framework/blazor.web.js")] // framework script
    [InlineData("/r/unknowncod")] // referral redirect
    public async Task Every_page_type_carries_the_security_headers_and_no_server_banner(string path)
    {
        var response = await _factory.NewClient().GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task Errors_outside_development_show_a_friendly_page_without_a_stack_trace()
    {
        var response = await _factory.NewClient().GetAsync("/account/error");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(" at ClientPortal", body);
        Assert.DoesNotContain("Exception", body);
        var missing = await _factory.NewClient().GetAsync("/courses/999999/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
    }
}

/// <summary>Hardening that needs the real executable: real sockets (a loopback proxy), real console output.</summary>
public class RealProcessHardeningTests
{
    [Fact]
    public async Task Behind_a_loopback_proxy_https_is_believed_so_cookies_are_secure_and_hsts_is_sent()
    {
        await using var portal = await RunningPortal.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        var plain = await client.GetAsync("/login");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), string.Join("\n", plain.Headers));
        Assert.DoesNotContain("secure",
            string.Join(";", plain.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).ToLowerInvariant());

        var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Host = "learn.example.com"; // HSTS is never sent to localhost names
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var fresh = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            // no cookies yet, so they are set again
        var proxied = await fresh.SendAsync(request);
        Assert.Contains("max-age=", proxied.Headers.GetValues("Strict-Transport-Security").Single());
        var cookies = proxied.Headers.TryGetValues("Set-Cookie", out var c) ? c.ToList() : [];
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c.ToLowerInvariant()));
        Assert.All(cookies, c => Assert.Contains("httponly", c.ToLowerInvariant()));
        Assert.All(cookies, c => Assert.Contains("samesite=", c.ToLowerInvariant()));
    }

    [Fact]
    public async Task A_full_sign_in_flow_at_debug_level_with_json_logs_never_writes_the_token()
    {
        await using var portal = await RunningPortal.StartAsync(new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Debug",
            ["Logging__LogLevel__ClientPortal"] = "Debug",
            ["Logging__Console__FormatterName"] = "json",
        });
        var (code, output) = await portal.RunCommandAsync("create-owner", "--email", "owner@example.com", "--password",
            "Str0ng!Passw0rd");
        Assert.True(code == 0, output);
        var contact = await portal.RunCommandAsync("import-contacts", await WriteCsvAsync(portal));
        Assert.Equal(0, contact.ExitCode);
        var link = (await portal.RunCommandAsync("magic-link", "--email", "lena@example.com",
            $"--Portal:PublicBaseUrl={portal.BaseUrl}")).Output
            .Split('\n').First(l => l.Contains("/l/")).Trim();
        var token = PortalData.TokenIn(link);
        Assert.Equal(43, token.Length);

        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(portal.BaseUrl) };
        var redeemed = await Forms.ContinueAsync(client, $"/l/{token}");
        Assert.Equal(HttpStatusCode.Redirect, redeemed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        // A second, spent use and a team sign-in too.
        await client.GetAsync($"/l/{token}");
        // An API key at work, and a wrong one.
        var key = (await portal.RunCommandAsync("api-key", "create", "--name", "Logged", "--scopes", "contacts:read"))
            .Output
            .Split('\n').First(l => l.StartsWith("cpk_")).Trim();
        using var api = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/contacts")).StatusCode);
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            key[..^1] + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/contacts")).StatusCode);
        await Task.Delay(500);

        var log = portal.Output;
        Assert.Contains("\"Category\":", log); // JSON, one object per line
        Assert.Contains(log.Split('\n'), line => line.StartsWith('{') && JsonDocument.Parse(line)
            .RootElement.TryGetProperty("EventId", out _));
        Assert.True(log.Length > 10_000, $"debug logging produced too little to prove anything:\n{log}");
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(Uri.EscapeDataString(token), log);
        Assert.False(Regex.IsMatch(log, @"/l/[A-Za-z0-9_-]{43}"), "a magic-link URL was logged");
        Assert.DoesNotContain(key[4..40], log);
        Assert.False(Regex.IsMatch(log, @"cpk_[A-Za-z0-9_-]{20}"), "an API key was logged");
    }

    private static async Task<string> WriteCsvAsync(RunningPortal portal)
    {
        var path = Path.Combine(Path.GetDirectoryName(portal.DataDirectory)!, "lena.csv");
        await File.WriteAllLinesAsync(path, ["email,first_name", "lena@example.com,Lena"]);
        return path;
    }
}
