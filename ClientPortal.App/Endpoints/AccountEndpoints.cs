using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ClientPortal.App.Endpoints;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form POST (antiforgery-validated by UseAntiforgery), so a link or image cannot sign anyone out.
        app.MapPost("/account/logout", async (SignInManager<PortalUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(LocalPath.OrDefault(returnUrl, "/"));
        });
        return app;
    }
}
