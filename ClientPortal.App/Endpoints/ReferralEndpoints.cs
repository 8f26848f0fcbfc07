using ClientPortal.App.Features.Affiliates;
using ClientPortal.App.Features.Settings;
using Microsoft.AspNetCore.DataProtection;

namespace ClientPortal.App.Endpoints;

/// <summary>
/// Referral links: <c>/r/{code}</c> counts a click and remembers it in a signed cookie for the attribution window,
/// then sends the visitor to the public page (sign-up when open). Unknown codes redirect the same way, without a
/// cookie.
/// </summary>
public static class ReferralEndpoints
{
    public const string Cookie = "cp.ref";
    private const string Purpose = "ClientPortal.ReferralClick";

    public static IEndpointRouteBuilder MapReferralEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/r/{code}",
            async (string code, HttpContext http, AffiliateProgram affiliates, PortalSettingsStore settings,
            IDataProtectionProvider protection) =>
        {
            if (await affiliates.RecordClickAsync(code) is { } clickId)
                http.Response.Cookies.Append(Cookie, protection.CreateProtector(Purpose).Protect(clickId.ToString()),
                    Hosting.BrowserCookies.PrivateCookie(http, AffiliateProgram.AttributionWindow));
            return Results.LocalRedirect((await settings.GetAsync()).AllowSignUp ? "/signup" : "/");
        });
        return app;
    }

    /// <summary>The referral click this browser carries, if any and untampered.</summary>
    public static long? ClickId(HttpContext http, IDataProtectionProvider protection)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var value)) return null;
        try
        {
            return long.TryParse(protection.CreateProtector(Purpose).Unprotect(value), out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
