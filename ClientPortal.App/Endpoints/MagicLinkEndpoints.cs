using ClientPortal.App.Features.MagicLinks;
using ClientPortal.App.Hosting;
using ClientPortal.App.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace ClientPortal.App.Endpoints;

public static class MagicLinkEndpoints
{
    public static IEndpointRouteBuilder MapMagicLinkEndpoints(this IEndpointRouteBuilder app)
    {
        // "Continue" on a magic link's landing page (MagicLinkLanding renders the GET). A plain endpoint because a
        // sign-in is one write and a redirect: running the page's component for the POST cost more CPU than the sign-in
        // itself.
        app.MapPost("/l/{token}/continue",
            async (string token, HttpContext http, IAntiforgery antiforgery, MagicLinkRedemption links,
            LearnerSignIn learners) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Text("A valid antiforgery token was not provided with the request.",
                    statusCode: StatusCodes.Status400BadRequest);
            var result = await links.RedeemAsync(token, BrowserCookies.BrowserId(http), LearnerSignIn.Visitor(http),
                http.RequestAborted);
            // Team links (no contact) are entered from the GET; a POST of one is refused like any unusable link.
            if (!result.Succeeded || result.ContactId is null || result.Account is not { } account)
                return Results.Redirect($"/l/{Uri.EscapeDataString(token)}?refused=1");
            await learners.SignInFromRedemptionAsync(http, account, result.Session);
            return Results.LocalRedirect(result.TargetPath);
        });

        app.MapGet(SiteLinks.UserPath + "{token}", OpenUserLinkAsync);
        app.MapGet(SiteLinks.LearnerPath + "{token}", OpenLearnerLinkAsync);
        return app;
    }

    /// <summary>The team's User link: the learner portal as the signed-in team member; anyone else signs in as team
    /// first. A replaced (or unknown) link says so on the team sign-in page, as the Learner link does on the
    /// learner's.</summary>
    private static async Task<IResult> OpenUserLinkAsync(string token, HttpContext http, SiteLinks links)
    {
        if (!await links.IsCurrentAsync(SiteLinkKind.User, token, http.RequestAborted))
            return Results.LocalRedirect($"{PortalCookies.TeamLoginPath}?link=replaced");
        return http.User.IsTeam()
            ? Results.LocalRedirect("/admin/preview")
            : Results.LocalRedirect(
                $"{PortalCookies.TeamLoginPath}?ReturnUrl={Uri.EscapeDataString(SiteLinks.UserPath + token)}");
    }

    /// <summary>The Learner link: a signed-in learner goes to the library; anyone else to the email-first
    /// sign-in.</summary>
    private static async Task<IResult> OpenLearnerLinkAsync(string token, HttpContext http, SiteLinks links)
    {
        if (!await links.IsCurrentAsync(SiteLinkKind.Learner, token,
            http.RequestAborted)) return Results.LocalRedirect($"{PortalCookies.LearnerLoginPath}?link=replaced");
        return Results.LocalRedirect(http.User.Identity?.IsAuthenticated == true ? "/"
            : PortalCookies.LearnerLoginPath);
    }
}
