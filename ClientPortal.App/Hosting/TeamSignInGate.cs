using ClientPortal.App.Features.Passkeys;

namespace ClientPortal.App.Hosting;

public static class TeamSignInGate
{
    public const string ProfilePath = "/admin/profile";

    /// <summary>
    /// While the Owner's rule holds a team member's sign-in (<see cref="TeamSignInRule"/>), every admin page leads to
    /// My profile, where they add a passkey or an authenticator app. The admin pages' own links load through here too.
    /// </summary>
    public static IApplicationBuilder UseTeamSignInGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/admin") && !path.StartsWithSegments(ProfilePath)
            && await http.RequestServices.GetRequiredService<TeamSignInRule>()
                .MustAddStrongSignInAsync(http.User, http.RequestAborted))
        {
            http.Response.Redirect($"{ProfilePath}?strengthen=1");
            return;
        }
        await next();
    });
}
