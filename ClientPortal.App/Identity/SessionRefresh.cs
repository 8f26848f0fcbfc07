using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Identity;

/// <summary>
/// Re-issues this browser's cookie after the user's security stamp changed (password, 2FA), so only the
/// other sessions end. A fresh scope, because the request's own DbContext may hold the user with the old stamp.
/// </summary>
public sealed class SessionRefresh(IServiceScopeFactory scopes)
{
    public async Task RefreshAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        if (await signIn.UserManager.FindByIdAsync(userId) is { } user) await signIn.RefreshSignInAsync(user);
    }
}
