using System.Security.Claims;
using ClientPortal.App.Features.Security;
using ClientPortal.App.Features.Settings;
using ClientPortal.App.Identity;
using ClientPortal.Infrastructure.Identity;

namespace ClientPortal.App.Features.Passkeys;

/// <summary>
/// The Owner's rule "team members must use a passkey or an authenticator app": a team member whose sign-in began after
/// it was turned on, with a password alone (no passkey used, no authenticator app on the account), still has to add
/// one.
/// </summary>
public sealed class TeamSignInRule(PortalSettingsStore settings, SignInSessions sessions,
    IdentityWorkFactory identities)
{
    public async Task<bool> MustAddStrongSignInAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.IsTeam() || user.FindFirstValue(ClaimTypes.AuthenticationMethod) == "passkey") return false;
        var current = await settings.GetAsync(ct);
        if (current.TeamStrongSignInSince is null) return false;
        if (await sessions.StartedAtAsync(PortalCookies.SessionOf(user), ct) is not { } started
            || !current.RequiresStrongSignIn(started)) return false;
        await using var work = identities.Open();
        if (await work.Users.FindByIdAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? "") is not { } account) return false;
        return !account.TwoFactorEnabled && (await work.Users.GetPasskeysAsync(account)).Count == 0;
    }
}
