using System.Security.Claims;
using ClientPortal.App.Identity;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Endpoints;

public static class LearnerEndpoints
{
    public static IEndpointRouteBuilder MapLearnerEndpoints(this IEndpointRouteBuilder app)
    {
        // OAuth sign-in: matched to a contact by the provider's verified email.
        app.MapGet("/login/oauth", (string? returnUrl, SignInManager<PortalUser> signIn, OAuthSettings oauth) =>
        {
            if (!oauth.IsConfigured) return Results.NotFound();
            var done = $"/login/oauth/done?returnUrl={Uri.EscapeDataString(LocalPath.OrDefault(returnUrl, "/"))}";
            return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(OAuthSettings.Scheme, done), [OAuthSettings.Scheme]);
        });

        app.MapGet("/login/oauth/done", async (HttpContext http, string? returnUrl, SignInManager<PortalUser> signIn,
            ContactDirectory contacts, LearnerSignIn learners) =>
        {
            var info = await signIn.GetExternalLoginInfoAsync();
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (info is null) return Results.LocalRedirect("/login?oauth=failed");
            var email = info.Principal.FindFirstValue(ClaimTypes.Email);
            if (string.IsNullOrWhiteSpace(email) || info.Principal.FindFirstValue(OAuthSettings.VerifiedEmailClaim) != "true")
                return Results.LocalRedirect("/login?oauth=unverified");
            var contact = await contacts.FindByEmailAsync(email);
            if (contact is null || contact.DeletedAt is not null) return Results.LocalRedirect("/login?oauth=unknown");
            var signedIn = await learners.SignInContactAsync(http, contact.Id, "oauth");
            return Results.LocalRedirect(signedIn.Succeeded ? LocalPath.OrDefault(returnUrl, "/") : "/login?oauth=failed");
        });
        return app;
    }
}
