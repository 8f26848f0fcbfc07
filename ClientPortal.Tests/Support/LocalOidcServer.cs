using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClientPortal.Tests.Support;

/// <summary>
/// A small OpenID Connect provider on loopback for testing the portal's sign-in end to end: a discovery document, a
/// JWKS with an RSA key made for this run, /authorize that approves the configured person at once (and records the PKCE
/// challenge and nonce it was sent), and /token that checks the client, the code and the PKCE verifier and answers an
/// id_token signed with that key.
/// </summary>
public sealed class LocalOidcServer : IAsyncDisposable
{
    public const string ClientId = "portal-client";
    public const string ClientSecret = "portal-secret";

    private sealed record Grant(string Email, bool Verified, string Nonce, string Challenge, string RedirectUri);

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    public string BaseUrl { get; private set; } = "";
    public string Email { get; set; } = "someone@example.com";
    public bool EmailVerified { get; set; } = true;

    /// <summary>Signs id_tokens with another key than the published one (a forged token).</summary>
    public bool SignWithUnpublishedKey { get; set; }

    public List<string> AuthorizeRequests { get; } = [];

    private LocalOidcServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = BaseUrl,
            ["authorization_endpoint"] = BaseUrl + "/authorize",
            ["token_endpoint"] = BaseUrl + "/token",
            ["jwks_uri"] = BaseUrl + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false))
                { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256",
                n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            lock (AuthorizeRequests) AuthorizeRequests.Add(request.QueryString.Value ?? "");
            var q = request.Query;
            if (q["client_id"] != ClientId) return Results.BadRequest("unknown client");
            if (q["response_type"] != "code" || q["code_challenge_method"] != "S256"
                || string.IsNullOrEmpty(q["code_challenge"])
                || string.IsNullOrEmpty(q["nonce"]) || string.IsNullOrEmpty(q["state"]))
                return Results.BadRequest("code flow with PKCE, a nonce and a state is required");
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = new Grant(Email, EmailVerified, q["nonce"]!, q["code_challenge"]!, q["redirect_uri"]!);
            if (q["response_mode"] != "form_post")
                return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"]!)}");
            // As providers do for form_post: a page whose form posts the answer back to the portal.
            return Results.Content($"""
                <form method="post" action="{System.Net.WebUtility.HtmlEncode(q["redirect_uri"])}">
                <input type="hidden" name="code" value="{code}">
                <input type="hidden" name="state" value="{System.Net.WebUtility.HtmlEncode(q["state"])}"></form>
                """, "text/html");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId
                || form["client_secret"] != ClientSecret) return Results.Json(new { error = "invalid_client" },
                statusCode: 401);
            if (!_codes.TryRemove(form["code"].ToString(), out var grant) || form["redirect_uri"] != grant.RedirectUri)
                return Results.BadRequest(new { error = "invalid_grant" });
            var verifier =
                Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            if (verifier != grant.Challenge) return Results.BadRequest(new { error = "invalid_grant",
                error_description = "PKCE verifier does not match" });
            var signingKey = SignWithUnpublishedKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId }
                : _key;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = BaseUrl,
                Audience = ClientId,
                IssuedAt = DateTime.UtcNow,
                Expires = DateTime.UtcNow.AddMinutes(5),
                Subject = new ClaimsIdentity([new Claim("sub", "user-" + grant.Email), new Claim("email", grant.Email),
                    new Claim("email_verified", grant.Verified ? "true" : "false", ClaimValueTypes.Boolean),
                        new Claim("nonce", grant.Nonce)]),
                SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = Guid.NewGuid().ToString("N"), token_type = "Bearer",
                expires_in = 300, id_token = idToken });
        });
    }

    public static async Task<LocalOidcServer> StartAsync()
    {
        var server = new LocalOidcServer();
        await server._app.StartAsync();
        server.BaseUrl = server._app.Urls.First();
        return server;
    }

    public IEnumerable<KeyValuePair<string, string>> PortalSettings =>
    [
        new("Portal:Oidc:DisplayName", "Example ID"),
        new("Portal:Oidc:Authority", BaseUrl),
        new("Portal:Oidc:ClientId", ClientId),
        new("Portal:Oidc:ClientSecret", ClientSecret),
    ];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
