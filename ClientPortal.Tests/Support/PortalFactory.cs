using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace ClientPortal.Tests.Support;

/// <summary>The real app in-process (TestServer) over its own database (<see cref="TestDatabase"/>).</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _dir = new();
    public string DataDirectory => _dir.Path;

    /// <summary>Extra configuration for a test's portal (e.g. an OAuth provider).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.UseSetting("Portal:DataDirectory", _dir.Path);
        foreach (var (key, value) in TestDatabase.Settings(_dir.Path)) builder.UseSetting(key, value);
        // Every test client shares one (unknown) address here; the limiter itself is tested with its own factory.
        if (!Settings.Any(s => s.Key.StartsWith("Portal:RateLimit")))
            builder.UseSetting("Portal:RateLimit:PostsPerMinute", "100000");
        builder.UseSetting("Portal:PublicBaseUrl", "https://portal.example.test");
        builder.UseEnvironment("Production");
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://portal.example.test"),
    });

    /// <summary>A browser-like client signed in as the contact through an admin-generated magic link's Continue
    /// POST.</summary>
    public async Task<HttpClient> SignedInViaLinkAsync(long contact)
    {
        var client = NewClient();
        var path = new Uri(await new PortalData(Services).LinkAsync(contact)).PathAndQuery;
        var response = await Forms.ContinueAsync(client, path);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        TestDatabase.ReleaseAsync(_dir.Path).GetAwaiter().GetResult();
        _dir.Dispose();
    }
}

public static class Forms
{
    private static readonly Regex Token = new("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"",
        RegexOptions.Compiled);

    /// <summary>GETs a page and POSTs one of its Blazor SSR forms, with the antiforgery token it rendered.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string formName,
        IDictionary<string, string> fields) => SubmitAsync(client, path, path, formName, fields);

    /// <summary>The learner sign-in's first step: the page that lists the ways to sign in with
    /// <paramref name="email"/>.</summary>
    public static async Task<string> SignInMethodsAsync(HttpClient client, string email, string path = "/login",
        string form = "login-email")
    {
        var response = await SubmitAsync(client, path, form, new Dictionary<string,
            string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The "Continue" button of a magic link's landing page: the form posts to the link's /continue
    /// action.</summary>
    public static Task<HttpResponseMessage> ContinueAsync(HttpClient client, string link) =>
        SubmitAsync(client, link, link.Split('?')[0] + "/continue", "redeem", new Dictionary<string, string>());

    /// <summary>Takes a valid antiforgery token from <paramref name="tokenPage"/> and POSTs a form to
    /// <paramref name="path"/>, as a crafted request would (the target may not render that form for this
    /// user).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string tokenPage, string path,
        string formName,
        IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(tokenPage);
        var token = Token.Match(page);
        Assert.True(token.Success, $"No antiforgery token on {tokenPage}");
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(body));
    }
}

public static class Http
{
    /// <summary>A redirect's target as a site-relative path and query.</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
