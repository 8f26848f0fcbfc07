using System.Security.Claims;
using ClientPortal.App.Features.Passkeys;
using ClientPortal.App.Identity;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace ClientPortal.App.Endpoints;

/// <summary>
/// The passkey ceremonies. The two option endpoints answer a script's POST (antiforgery token in its header); the
/// others are form posts that the script submits with the browser's credential (antiforgery-validated by
/// UseAntiforgery). "/login/…" paths share the public auth endpoints' rate limit.
/// </summary>
public static class PasskeyEndpoints
{
    public static IEndpointRouteBuilder MapPasskeyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/passkeys/options", CreationOptionsAsync).RequireAuthorization();
        app.MapPost("/passkeys/add", AddAsync).RequireAuthorization();
        app.MapPost("/passkeys/rename", RenameAsync).RequireAuthorization();
        app.MapPost("/passkeys/remove", RemoveAsync).RequireAuthorization();
        app.MapPost("/passkeys/offer/dismiss", DismissOfferAsync).RequireAuthorization();
        app.MapPost("/login/passkey/options", RequestOptionsAsync);
        app.MapPost("/login/passkey", SignInAsync);
        return app;
    }

    private static async Task<IResult> CreationOptionsAsync(HttpContext http, IAntiforgery antiforgery,
        Passkeys passkeys)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        return await passkeys.CreationOptionsAsync(http.User) is { } json ? Results.Content(json, "application/json")
            : Results.Unauthorized();
    }

    private static async Task<IResult> RequestOptionsAsync(HttpContext http, IAntiforgery antiforgery,
        Passkeys passkeys)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        return Results.Content(await passkeys.RequestOptionsAsync(), "application/json");
    }

    private static async Task<IResult> AddAsync(HttpContext http, Passkeys passkeys, [FromForm] string? credentialJson,
        [FromForm] string? returnUrl)
    {
        var outcome = await passkeys.AddAsync(http.User, credentialJson, LearnerSignIn.ClientIp(http));
        return Back(returnUrl, http.User, outcome.Succeeded ? "added" : "failed");
    }

    private static async Task<IResult> RenameAsync(HttpContext http, PasskeyAccounts passkeys, [FromForm] string? id,
        [FromForm] string? name,
        [FromForm] string? returnUrl)
    {
        var outcome = await passkeys.RenameAsync(UserId(http.User), id, name);
        return Back(returnUrl, http.User, outcome.Succeeded ? "renamed" : "rename-failed");
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, PasskeyAccounts passkeys, [FromForm] string? id,
        [FromForm] string? returnUrl)
    {
        var outcome = await passkeys.RemoveAsync(UserId(http.User), id,
            http.User.ToActor(LearnerSignIn.ClientIp(http)));
        return Back(returnUrl, http.User, outcome.Succeeded ? "removed" : "remove-failed");
    }

    private static async Task<IResult> DismissOfferAsync(HttpContext http, PasskeyAccounts passkeys,
        [FromForm] string? returnUrl)
    {
        await passkeys.DismissOfferAsync(UserId(http.User));
        return Results.LocalRedirect(LocalPath.OrDefault(returnUrl, "/"));
    }

    private static async Task<IResult> SignInAsync(HttpContext http, Passkeys passkeys,
        [FromForm] string? credentialJson, [FromForm] string? returnUrl,
        [FromForm] string? signInPage)
    {
        var outcome = await passkeys.SignInAsync(http, credentialJson);
        if (!outcome.Succeeded) return Results.LocalRedirect((signInPage == PortalCookies.TeamLoginPath
            ? PortalCookies.TeamLoginPath : PortalCookies.LearnerLoginPath) + "?passkey=failed");
        var home = outcome.Value!.ContactId is null ? "/admin" : "/";
        return Results.LocalRedirect(LocalPath.OrDefault(returnUrl, home));
    }

    /// <summary>Back to the profile the form came from, saying what happened.</summary>
    private static IResult Back(string? returnUrl, ClaimsPrincipal user, string result)
    {
        var profile = LocalPath.OrDefault(returnUrl, user.ContactId() is null ? "/admin/profile" : "/profile");
        return Results.LocalRedirect($"{profile.Split('?')[0]}?passkey={result}");
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
