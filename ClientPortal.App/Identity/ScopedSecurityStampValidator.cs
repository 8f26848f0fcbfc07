using System.Security.Claims;
using ClientPortal.App.Features.Security;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Identity;

/// <summary>
/// Identity's security-stamp check (every request, see PortalHost), run in a service scope of its own. Run from the
/// request's services, it left a sign-in manager, user manager and database context (with the user it read) in the
/// request's scope, and a circuit's WebSocket is one request that lasts as long as the circuit: several KB held for
/// every open admin tab. Before the stamp, the cookie's server-side session must still be open: signing out ends it.
/// </summary>
public sealed class ScopedSecurityStampValidator(IServiceScopeFactory scopes,
    IOptions<SecurityStampValidatorOptions> options,
    ILoggerFactory loggers) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await using var scope = scopes.CreateAsyncScope();
        var claims = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        if (userId is null || !await scope.ServiceProvider.GetRequiredService<SignInSessions>()
                .IsActiveAsync(PortalCookies.SessionOf(context.Principal), userId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        await new SecurityStampValidator<PortalUser>(options, signIn, loggers).ValidateAsync(context);
        // A passed check rebuilds the principal for this request and would also re-issue the cookie, on every request
        // (the check runs each time): every response, stylesheets and images included, then carried a new cookie and
        // "no-store". The cookie itself has not changed, so it is not re-issued; sliding expiration still renews it.
        if (context.Principal is not null) context.ShouldRenew = false;
    }
}
