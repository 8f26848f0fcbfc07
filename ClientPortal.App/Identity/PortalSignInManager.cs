using ClientPortal.App.Features.Security;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Identity;

/// <summary>
/// Password sign-in that tells nobody whether an account exists: an unknown email, or an account without a password,
/// costs one password-hash check like a wrong password does; a wrong password never locks the account (guessing is
/// slowed per account and address by <see cref="SignInThrottle"/>); and whether an account is disabled or locked is
/// only said to someone who typed its right password.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<PortalUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    SignInThrottle throttle)
    : SignInManager<PortalUser>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>The answer while this address must wait before trying this email again.</summary>
    public static readonly SignInResult Throttled = new ThrottledResult();

    private sealed class ThrottledResult : SignInResult;

    /// <summary>The answer while password sign-in for this email is paused for everyone (too many wrong passwords in a
    /// row).</summary>
    public static readonly SignInResult AccountPaused = new AccountPausedResult();

    private sealed class AccountPausedResult : SignInResult;

    /// <summary>A hash of a random password, made by this portal's own hasher (same algorithm and cost as a real
    /// one).</summary>
    private string DummyHash =>
        _dummyHash ??= UserManager.PasswordHasher.HashPassword(new PortalUser(),
        Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
    private static string? _dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent,
        bool lockoutOnFailure)
    {
        var address = Context.Connection.RemoteIpAddress?.ToString();
        if (throttle.WaitFor(userName, address) > TimeSpan.Zero) return Throttled;
        if (throttle.AccountPausedFor(userName) > TimeSpan.Zero) return AccountPaused;
        var user = await UserManager.FindByNameAsync(userName);
        if (user?.PasswordHash is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(user ?? new PortalUser(), DummyHash, password);
            throttle.RecordFailure(userName, address, accountExists: user is not null);
            return SignInResult.Failed;
        }
        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            throttle.RecordFailure(userName, address, accountExists: true);
            return SignInResult.Failed;
        }
        throttle.RecordSuccess(userName, address);
        return await PreSignInCheck(user) ?? await SignInOrTwoFactorAsync(user, isPersistent);
    }
}
