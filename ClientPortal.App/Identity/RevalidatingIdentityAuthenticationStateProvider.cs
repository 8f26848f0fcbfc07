using System.Security.Claims;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Identity;

/// <summary>
/// Re-checks an open circuit's user every minute: a signed-out session, a changed security stamp (sign out everywhere,
/// password change, role change) or a disabled account ends the circuit's access.
/// </summary>
public sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> options,
    IOptions<ClientPortal.Infrastructure.Settings.PortalOptions> portal)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>Portal:CircuitRevalidationSeconds, a minute by default.</summary>
    protected override TimeSpan RevalidationInterval { get; } =
        TimeSpan.FromSeconds(portal.Value.CircuitRevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state,
        CancellationToken ct)
    {
        AsyncServiceScope scope;
        try
        {
            scope = scopes.CreateAsyncScope();
        }
        catch (ObjectDisposedException)
        {
            // The server is stopping and the circuit goes with it: re-rendering it as signed out would only fail.
            return true;
        }
        await using var _ = scope;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.IsDisabled) return false;
        if (!await scope.ServiceProvider.GetRequiredService<ClientPortal.App.Features.Security.SignInSessions>()
                .IsActiveAsync(PortalCookies.SessionOf(state.User), user.Id, ct)) return false;
        var principalStamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
