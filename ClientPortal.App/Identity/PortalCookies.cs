using System.Security.Claims;
using ClientPortal.App.Features.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

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
        o.Events.OnSigningIn = BindSessionAsync;
        o.Events.OnSigningOut = ctx => ctx.HttpContext.RequestServices.GetRequiredService<SignInSessions>()
            .EndAsync(SessionOf(ctx.HttpContext.User));
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

    public static string? SessionOf(ClaimsPrincipal? user) => user?.FindFirstValue(SignInSessions.ClaimType);

    /// <summary>
    /// Every cookie names a server-side session. A re-issued cookie (a refreshed sign-in after a password change) keeps
    /// its session, and a sign-in whose own write started one (a magic link) brings it, both in the authentication
    /// properties; any other sign-in starts one here. A new session ends the one this browser had before, if any.
    /// </summary>
    private static async Task BindSessionAsync(CookieSigningInContext ctx)
    {
        if (ctx.Principal?.Identity is not ClaimsIdentity identity) return;
        var sessions = ctx.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
        var session = identity.FindFirst(SignInSessions.ClaimType)?.Value
            ?? ctx.Properties.GetString(SignInSessions.ClaimType);
        if (session is null)
        {
            var idType = ctx.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>()
                .Value.ClaimsIdentity.UserIdClaimType;
            var userId = identity.FindFirst(idType)?.Value
                ?? throw new InvalidOperationException("A sign-in without a user id.");
            session = await sessions.StartAsync(userId);
        }
        if (SessionOf(ctx.HttpContext.User) is { } previous && previous != session) await sessions.EndAsync(previous);
        if (!identity.HasClaim(c =>
            c.Type == SignInSessions.ClaimType)) identity.AddClaim(new Claim(SignInSessions.ClaimType, session));
        ctx.Properties.SetString(SignInSessions.ClaimType, session);
    }
}
