using System.Text;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Features.Team;

public sealed record AuthenticatorSetup(string SharedKey, string FormattedKey, string OtpAuthUri);

/// <summary>A signed-in person's own password and authenticator-app (TOTP) two-factor sign-in.</summary>
public sealed class AccountSecurity(IdentityWorkFactory identities)
{
    public async Task<Outcome> ChangePasswordAsync(string userId, string currentPassword, string newPassword)
    {
        await using var work = identities.Open();
        var users = work.Users;
        if (await users.FindByIdAsync(userId) is not { } user) return Outcome.Fail("Account not found.");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        return result.Succeeded
            ? Outcome.Ok
            : Outcome.Fail(result.Errors.Select(e =>
                e.Code == "PasswordMismatch" ? "The current password is wrong." : e.Description).ToArray());
    }

    public async Task<bool> IsTwoFactorEnabledAsync(string userId)
    {
        await using var work = identities.Open();
        var users = work.Users;
        return await users.FindByIdAsync(userId) is { TwoFactorEnabled: true };
    }

    public async Task<AuthenticatorSetup?> GetSetupAsync(string userId, string issuer)
    {
        await using var work = identities.Open();
        var users = work.Users;
        if (await users.FindByIdAsync(userId) is not { } user) return null;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: that also changes the security stamp, which would sign the
            // person out merely for looking at the set-up screen.
            var store = work.Store as IUserAuthenticatorKeyStore<PortalUser>
                        ?? throw new InvalidOperationException("The user store does not keep authenticator keys.");
            key = users.GenerateNewAuthenticatorKey();
            await store.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            await users.UpdateAsync(user);
        }
        var formatted = new StringBuilder();
        for (var i = 0; i < key!.Length; i += 4) formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i)))
            .Append(' ');
        var label = Uri.EscapeDataString($"{issuer}:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        return new AuthenticatorSetup(key, formatted.ToString().Trim().ToLowerInvariant(), uri);
    }

    /// <summary>Turns 2FA on when the code matches; returns recovery codes.</summary>
    public async Task<Outcome<IReadOnlyList<string>>> EnableAsync(string userId, string code)
    {
        await using var work = identities.Open();
        var users = work.Users;
        if (await users.FindByIdAsync(userId) is not { } user) return
            Outcome<IReadOnlyList<string>>.Fail("Account not found.");
        var clean = code.Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
            return Outcome<IReadOnlyList<string>>.Fail("That code is not valid. Check the time on your phone and try " +
                "the newest code.");
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return Outcome<IReadOnlyList<string>>.Success(codes?.ToList() ?? []);
    }

    public async Task<Outcome> DisableAsync(string userId)
    {
        await using var work = identities.Open();
        var users = work.Users;
        if (await users.FindByIdAsync(userId) is not { } user) return Outcome.Fail("Account not found.");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return Outcome.Ok;
    }
}
