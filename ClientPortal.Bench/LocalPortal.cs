using System.Net;
using System.Text.RegularExpressions;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.App.Hosting;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Bench;

/// <summary>
/// The real app on Kestrel over loopback with its own SQLite folder, for the load drivers; plus the pieces they
/// share: an anonymous antiforgery pair and a magic-link redemption request.
/// </summary>
public sealed class LocalPortal : IAsyncDisposable
{
    private readonly string _dir;
    private string _cookie = "";
    private string _form = "";

    public WebApplication App { get; }
    public string Url { get; }
    public string Dir => _dir;
    public IServiceProvider Services => App.Services;

    private LocalPortal(WebApplication app, string url, string dir)
    {
        App = app;
        Url = url;
        _dir = dir;
    }

    /// <param name="settings">More configuration (<c>--Key=value</c>): another database, a node name, Redis.</param>
    public static async Task<LocalPortal> StartAsync(params string[] settings)
    {
        var dir = Directory.CreateTempSubdirectory("cp-bench-").FullName;
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var app = PortalHost.Build(["--urls", url, $"--Portal:DataDirectory={dir}", $"--Portal:PublicBaseUrl={url}",
            "--Logging:LogLevel:Default=Warning", "--environment=Production",
            // One client address sends everything here: lift the per-address limits for the measurement.
            "--Portal:RateLimit:PostsPerMinute=1000000", "--Portal:RateLimit:GetsPerMinute=1000000", .. settings]);
        await app.StartAsync();
        var portal = new LocalPortal(app, url, dir);
        await portal.FetchAntiforgeryAsync();
        return portal;
    }

    /// <summary>One anonymous antiforgery pair (cookie + form token) reused for every POST; auth cookies are not
    /// kept.</summary>
    private async Task FetchAntiforgeryAsync()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        var page = await http.GetStringAsync(Url + "/l/" + new string('x', 43));
        _form = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")
            .Groups[1].Value);
        _cookie = string.Join("; ", cookies.GetCookies(new Uri(Url)).Select(c => $"{c.Name}={c.Value}"));
    }

    /// <summary>The "Continue" POST of a magic link, as a browser sends it (answered with a redirect on
    /// success).</summary>
    public HttpRequestMessage Redeem(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/l/{token}/continue")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string,
                string> { ["__RequestVerificationToken"] = _form }),
        };
        request.Headers.Add("Cookie", _cookie);
        return request;
    }

    /// <summary>
    /// <paramref name="count"/> new contacts with one magic link each (sequentially, through the domain services);
    /// returns the links' tokens.
    /// </summary>
    public async Task<string[]> IssueLinksAsync(int count, string prefix, MagicLinkPurpose purpose)
    {
        var directory = Services.GetRequiredService<ContactDirectory>();
        var links = Services.GetRequiredService<MagicLinkIssuing>();
        var admin = new Actor("bench", "bench", Roles.Owner);
        var tokens = new string[count];
        for (var n = 0; n < count; n++)
        {
            var contact = (await directory.CreateAsync(new ContactDetails($"{prefix}{n}@example.com", "Bench", $"L{n}",
                null), admin)).Value!;
            tokens[n] = (await links.IssueAsync(new LinkRequest(contact.Id, null, purpose), admin)).Value!.Token;
        }
        return tokens;
    }

    public HttpClient Client(int connections = 16) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false,
            MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(Url) };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
