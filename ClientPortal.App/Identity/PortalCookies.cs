using Microsoft.AspNetCore.Authentication.Cookies;

namespace ClientPortal.App.Identity;

public static class PortalCookies
{
    public const string TeamLoginPath = "/account/login";
    public const string LearnerLoginPath = "/login";

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "cp.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromDays(30);
        o.SlidingExpiration = true;
        o.LoginPath = TeamLoginPath;
        o.AccessDeniedPath = "/account/access-denied";
        // Admin pages send people to the team sign-in; everything else to the learner login.
        o.Events.OnRedirectToLogin = ctx =>
        {
            var path = ctx.Request.Path;
            var login = path.StartsWithSegments("/admin") ? TeamLoginPath : LearnerLoginPath;
            var returnUrl = ctx.Request.PathBase + path + ctx.Request.QueryString;
            var target = returnUrl == "/" ? login : $"{login}?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
            ctx.Response.Redirect(target);
            return Task.CompletedTask;
        };
    }
}
