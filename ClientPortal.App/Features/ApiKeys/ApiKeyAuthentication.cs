using System.Security.Claims;
using System.Text.Encodings.Web;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Features.ApiKeys;

/// <summary>
/// "Authorization: Bearer cpk_…" on the integration API. The key is looked up by its hash on every call (a revoked key
/// stops at once, on every node); its scopes become claims the endpoints' policies ask for. Refusals are problem
/// documents.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder, ApiKeys keys, ApiAuthenticationFailures failures)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "api_key_id";
    public const string PolicyPrefix = "api:";

    /// <summary>The policy an endpoint names to need <paramref name="scope"/>.</summary>
    public static string Policy(string scope) => PolicyPrefix + scope;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.IsBlocked(address))
        {
            Context.Items[ThrottledItem] = true;
            return AuthenticateResult.Fail("too many failed authentications from this address");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            failures.Record(address);
            return AuthenticateResult.Fail("not a bearer token");
        }
        // The key itself is never logged: the failure reasons name no part of it.
        if (await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted) is not { } caller)
        {
            failures.Record(address);
            return AuthenticateResult.Fail("unknown or revoked key");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(KeyIdClaim, caller.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, caller.Name),
                .. caller.Scopes.Select(s => new Claim(ScopeClaim, s)),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private const string ThrottledItem = "api-authentication-throttled";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledItem))
        {
            Response.Headers.RetryAfter = ((int)ApiAuthenticationFailures.Window.TotalSeconds)
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
            return WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many failed authentications",
                "Too many calls from this address were made with a wrong or revoked key. Try again in a minute with " +
                    "an active key.");
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send an active API key as 'Authorization: Bearer cpk_…'. Keys are made in Settings → API keys.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy)
                .FirstOrDefault(p =>
                p?.StartsWith(PolicyPrefix, StringComparison.Ordinal) == true)?[PolicyPrefix.Length..];
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Permission missing",
            needed is null ? "This key may not make this call."
                : $"This key lacks the '{needed}' permission ({ApiScopes.Describe(needed)}).");
    }

    private Task WriteProblemAsync(int status, string title, string detail) =>
        Endpoints.Api.ApiV1.WriteProblemAsync(Context, status, title, detail);

    /// <summary>The key a call was made with (for the audit trail and the rate limit), or null.</summary>
    public static ApiCaller? CallerOf(ClaimsPrincipal user) =>
        user.Identity is { AuthenticationType: SchemeName }
            && long.TryParse(user.FindFirstValue(KeyIdClaim), out var id)
            ? new ApiCaller(id, user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindAll(ScopeClaim)
                .Select(c => c.Value).ToList())
            : null;
}
