using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ClientPortal.Tests.Support;

/// <summary>
/// A small OAuth 2.0 authorization server on loopback, for testing the portal's OAuth sign-in end to end:
/// /authorize approves the configured person at once, /token checks the client and code, /userinfo answers JSON.
/// </summary>
public sealed class LocalOAuthServer : IAsyncDisposable
{
    public const string ClientId = "portal-client";
    public const string ClientSecret = "portal-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _codes = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public string BaseUrl { get; private set; } = "";
    public string Email { get; set; } = "someone@example.com";
    public bool EmailVerified { get; set; } = true;

    private LocalOAuthServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/authorize", (string redirect_uri, string state, string client_id) =>
        {
            if (client_id != ClientId) return Results.BadRequest("unknown client");
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = Email;
            return Results.Redirect($"{redirect_uri}?code={code}&state={Uri.EscapeDataString(state)}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret) return Results.Unauthorized();
            if (!_codes.TryRemove(form["code"].ToString(), out var email)) return Results.BadRequest(new { error = "invalid_grant" });
            var token = Guid.NewGuid().ToString("N");
            _tokens[token] = email;
            return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 3600 });
        });
        _app.MapGet("/userinfo", (HttpRequest request) =>
        {
            var token = request.Headers.Authorization.ToString().Replace("Bearer ", "");
            return _tokens.TryGetValue(token, out var email)
                ? Results.Json(new { sub = "user-" + email, email, email_verified = EmailVerified })
                : Results.Unauthorized();
        });
    }

    public static async Task<LocalOAuthServer> StartAsync()
    {
        var server = new LocalOAuthServer();
        await server._app.StartAsync();
        server.BaseUrl = server._app.Urls.First();
        return server;
    }

    public IEnumerable<KeyValuePair<string, string>> PortalSettings =>
    [
        new("Portal:OAuth:DisplayName", "Example ID"),
        new("Portal:OAuth:ClientId", ClientId),
        new("Portal:OAuth:ClientSecret", ClientSecret),
        new("Portal:OAuth:AuthorizationEndpoint", BaseUrl + "/authorize"),
        new("Portal:OAuth:TokenEndpoint", BaseUrl + "/token"),
        new("Portal:OAuth:UserInformationEndpoint", BaseUrl + "/userinfo"),
    ];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
