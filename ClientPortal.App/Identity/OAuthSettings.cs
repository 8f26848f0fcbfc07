using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Identity;

/// <summary>
/// The optional OAuth provider (Portal:OAuth:*). Learners sign in with it when their verified email
/// matches a contact. Uses the framework's generic OAuth handler.
/// </summary>
public sealed class OAuthSettings
{
    public const string Section = "Portal:OAuth";
    public const string Scheme = "oauth";

    public string DisplayName { get; set; } = "your account";
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? AuthorizationEndpoint { get; set; }
    public string? TokenEndpoint { get; set; }
    public string? UserInformationEndpoint { get; set; }
    public string Scope { get; set; } = "openid email profile";

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(AuthorizationEndpoint)
        && !string.IsNullOrWhiteSpace(TokenEndpoint) && !string.IsNullOrWhiteSpace(UserInformationEndpoint);

    public static void AddProvider(AuthenticationBuilder auth, OAuthSettings settings)
    {
        if (!settings.IsConfigured) return;
        auth.AddOAuth(Scheme, settings.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.ClientId = settings.ClientId!;
            o.ClientSecret = settings.ClientSecret!;
            o.AuthorizationEndpoint = settings.AuthorizationEndpoint!;
            o.TokenEndpoint = settings.TokenEndpoint!;
            o.UserInformationEndpoint = settings.UserInformationEndpoint!;
            o.CallbackPath = "/login/oauth/callback";
            o.UsePkce = true;
            foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            o.Events.OnCreatingTicket = async context =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
                response.EnsureSuccessStatusCode();
                using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
                var root = user.RootElement;
                if (root.TryGetProperty("sub", out var sub)) context.Identity!.AddClaim(new Claim(ClaimTypes.NameIdentifier, sub.ToString()));
                if (root.TryGetProperty("email", out var email)) context.Identity!.AddClaim(new Claim(ClaimTypes.Email, email.GetString() ?? ""));
                var verified = root.TryGetProperty("email_verified", out var v) && (v.ValueKind == JsonValueKind.True
                    || (v.ValueKind == JsonValueKind.String && v.GetString() == "true"));
                context.Identity!.AddClaim(new Claim(VerifiedEmailClaim, verified ? "true" : "false"));
            };
        });
    }

    public const string VerifiedEmailClaim = "cp:email_verified";
}
