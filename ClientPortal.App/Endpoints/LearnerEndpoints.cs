using System.Security.Claims;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Identity;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Endpoints;

public static class LearnerEndpoints
{
    public static IEndpointRouteBuilder MapLearnerEndpoints(this IEndpointRouteBuilder app)
    {
        // External sign-in (OpenID Connect, Google): matched to a contact by the provider's verified email.
        app.MapGet("/login/external/{provider}",
            (string provider, string? returnUrl, SignInManager<PortalUser> signIn, ExternalSignIn external) =>
        {
            if (external.Find(provider) is not { } p) return Results.NotFound();
            var done = $"/login/external/done?returnUrl={Uri.EscapeDataString(LocalPath.OrDefault(returnUrl, "/"))}";
            return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(p.Scheme, done), [p.Scheme]);
        });

        app.MapGet("/login/external/done", async (HttpContext http, string? returnUrl, SignInManager<PortalUser> signIn,
            ContactDirectory contacts, LearnerSignIn learners) =>
        {
            var info = await signIn.GetExternalLoginInfoAsync();
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (info is null) return Results.LocalRedirect("/login?external=failed");
            var email = info.Principal.FindFirstValue(ClaimTypes.Email);
            if (string.IsNullOrWhiteSpace(email)
                || info.Principal.FindFirstValue(ExternalSignIn.VerifiedEmailClaim) != "true")
                return Results.LocalRedirect("/login?external=unverified");
            var contact = await contacts.FindByEmailAsync(email);
            if (contact is null) return Results.LocalRedirect("/login?external=unknown");
            var signedIn = await learners.SignInContactAsync(http, contact.Id, info.LoginProvider);
            if (signedIn.Succeeded) SignInMethodMemory.Remember(http, SignInMethodMemory.External(info.LoginProvider));
            return Results.LocalRedirect(signedIn.Succeeded ? LocalPath.OrDefault(returnUrl, "/")
                : "/login?external=failed");
        });

        // Covers are shown to signed-in people only (learners see locked products' covers too); the name holds the
        // image's hash, so a browser may keep it for good.
        app.MapGet(CoverAddress.Prefix + "{name}", GetCover).RequireAuthorization();
        // The logo and favicon are the portal's public face (the sign-in page, emails): anyone may load them.
        app.MapGet(ClientPortal.Domain.Settings.BrandImageAddress.Prefix + "{name}", GetBrandImage);
        return app;
    }

    private static async Task<IResult> GetBrandImage(string name, HttpContext http,
        Features.Settings.BrandImages brand)
    {
        if (await brand.FindAsync(name, http.RequestAborted) is not { } image) return Results.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.File(image.Content, image.ContentType);
    }

    private static async Task<IResult> GetCover(string name, HttpContext http, ProductCovers covers)
    {
        if (await covers.FindAsync(name, http.RequestAborted) is not { } cover) return Results.NotFound();
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return Results.File(cover.Content, cover.ContentType);
    }
}
