using System.Security.Claims;
using System.Text.Json;
using ClientPortal.Infrastructure.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Identity;

/// <summary>A provider learners may sign in with: its authentication scheme and the name on its button.</summary>
public sealed record ExternalProvider(string Scheme, string DisplayName);

/// <summary>
/// Learner sign-in through an external identity provider, with the framework's handlers: any OpenID Connect provider
/// (Portal:Oidc:Authority, ClientId, ClientSecret, DisplayName: discovery, PKCE, state, nonce and id_token validation)
/// and Google (Portal:Google:ClientId, ClientSecret). A provider signs in the contact whose email it has verified.
/// </summary>
public sealed class ExternalSignIn(IReadOnlyList<ExternalProvider> providers)
{
    public const string OidcScheme = "oidc";
    public const string GoogleScheme = "google";

    /// <summary>Added to the external identity: "true" only when the provider said it verified the email
    /// address.</summary>
    public const string VerifiedEmailClaim = "cp:email_verified";

    /// <summary>The configuration keys of the generic OAuth 2.0 provider of earlier releases, no longer read.</summary>
    public const string RetiredSection = "Portal:OAuth";

    public IReadOnlyList<ExternalProvider> Providers { get; } = providers;

    public ExternalProvider? Find(string? scheme) => Providers.FirstOrDefault(p => p.Scheme == scheme);

    public static ExternalSignIn AddProviders(AuthenticationBuilder auth, PortalOptions portal)
    {
        var providers = new List<ExternalProvider>();
        var oidc = portal.Oidc;
        if (oidc.IsConfigured)
        {
            var name = oidc.DisplayName is { Length: > 0 } n ? n : "your account";
            auth.AddOpenIdConnect(OidcScheme, name, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                // Authorization code flow with PKCE; the handler checks state, nonce and the id_token's signature,
                // issuer, audience and lifetime against the provider's discovery document and keys.
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = "/login/oidc/callback";
                o.SignedOutCallbackPath = "/login/oidc/signed-out";
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "email", "profile" }) o.Scope.Add(scope);
                // Only a provider on this machine may be reached over plain HTTP (a test or a local identity server).
                o.RequireHttpsMetadata = !Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority)
                    || !authority.IsLoopback;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                // Many providers put email and email_verified in the userinfo answer only, not in the id_token: it is
                // read (the handler checks that its subject is the id_token's), and email_verified kept from it.
                o.GetClaimsFromUserInfoEndpoint = true;
                o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
                o.Events.OnRemoteFailure = Failed;
                // Once the id_token and the userinfo answer have both been read: the email and whether it is verified.
                o.Events.OnTicketReceived = context =>
                {
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    if (identity.FindFirst("email") is { } email) identity.AddClaim(new Claim(ClaimTypes.Email,
                        email.Value));
                    identity.AddClaim(new Claim(VerifiedEmailClaim, identity.FindFirst("email_verified")?.Value is { } v
                        && v.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false"));
                    return Task.CompletedTask;
                };
            });
            providers.Add(new ExternalProvider(OidcScheme, name));
        }

        var google = portal.Google;
        if (google.IsConfigured)
        {
            auth.AddGoogle(GoogleScheme, "Google", o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.ClientId = google.ClientId!;
                o.ClientSecret = google.ClientSecret!;
                o.CallbackPath = "/login/google/callback";
                o.UsePkce = true;
                o.Events.OnRemoteFailure = Failed;
                o.ClaimActions.MapCustomJson(VerifiedEmailClaim, user =>
                    user.TryGetProperty("email_verified", out var v) && (v.ValueKind == JsonValueKind.True
                        || (v.ValueKind == JsonValueKind.String && v.GetString() == "true")) ? "true" : "false");
            });
            providers.Add(new ExternalProvider(GoogleScheme, "Google"));
        }
        return new ExternalSignIn(providers);
    }

    /// <summary>What start-up says when the retired Portal:OAuth:* keys are still set; null when they are
    /// not.</summary>
    public static string? RetiredSettingsWarning(IConfiguration configuration) =>
        configuration.GetSection(RetiredSection).GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value))
            ? "Portal:OAuth:* is no longer read, so that sign-in button is gone. Set Portal:Oidc:Authority, " +
              "Portal:Oidc:ClientId, Portal:Oidc:ClientSecret and Portal:Oidc:DisplayName for any OpenID Connect " +
              "provider (its discovery document replaces the three endpoints; callback path /login/oidc/callback), " +
              "or Portal:Google:ClientId and Portal:Google:ClientSecret for Google (callback path " +
              "/login/google/callback)."
            : null;

    /// <summary>
    /// The provider said no, the person cancelled, or its answer did not validate (state, nonce, signature): back to
    /// the login page with a message instead of an error page.
    /// </summary>
    private static Task Failed(RemoteFailureContext context)
    {
        context.Response.Redirect("/login?external=failed");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
