using System.Security.Claims;
using ClientPortal.App.Features.Learners;
using ClientPortal.App.Features.Security;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Identity;

/// <summary>
/// How a contact becomes a signed-in learner, whatever proved who they are (link, code, password, an external
/// provider). Every sign-in goes through Identity's SignInManager, except one: a magic link's redemption, the hot path
/// of a launch, issues the cookie from the account its own write returned (<see cref="SignInFromRedemptionAsync"/>).
/// Both make the same principal (a test holds them to it).
/// </summary>
public sealed class LearnerSignIn(SignInManager<PortalUser> signIn, LearnerAccounts accounts, PortalEntry entry,
    IOptions<IdentityOptions> identity)
{
    /// <summary>Signs the contact in through SignInManager (creating and linking their account on first entry) and
    /// records the entry.</summary>
    public async Task<Outcome> SignInContactAsync(HttpContext http, long contactId, string method)
    {
        var account = await accounts.EnsureAccountAsync(contactId);
        if (!account.Succeeded) return account;
        if (await signIn.UserManager.FindByIdAsync(account.Value!.Id) is not { } user) return
            Outcome.Fail("This account no longer exists.");
        // Persistent, so a sign-in survives closing the browser; a fresh cookie (and session) at every sign-in.
        await signIn.SignInAsync(user, isPersistent: true, authenticationMethod: method);
        await entry.RecordAsync(contactId, method, new Actor(user.Id, user.Email ?? "", null, ClientIp(http)));
        return Outcome.Ok;
    }

    /// <summary>
    /// The hot-path seam: issues the cookie for the account a magic link's redemption returned, without reading the
    /// user and roles again as SignInManager would (the redemption's write already read them).
    /// </summary>
    /// <param name="session">The session that write started; otherwise the cookie starts one.</param>
    public async Task SignInFromRedemptionAsync(HttpContext http, LearnerAccount account, string? session)
    {
        var principal = Principal(account, "link");
        var properties = new AuthenticationProperties { IsPersistent = true };
        if (session is not null) properties.SetString(SignInSessions.ClaimType, session);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, properties);
        http.User = principal;
    }

    /// <summary>The principal of <see cref="SignInFromRedemptionAsync"/>: the claims factory's shape plus the sign-in
    /// method, as SignInManager adds it.</summary>
    public ClaimsPrincipal Principal(LearnerAccount account, string method)
    {
        var principal = PortalClaimsFactory.Principal(identity.Value.ClaimsIdentity, account.Id, account.UserName,
            account.Email,
            account.SecurityStamp, account.Roles, account.ContactId, account.DisplayName);
        principal.Identities.First().AddClaim(new Claim(ClaimTypes.AuthenticationMethod, method));
        return principal;
    }

    /// <summary>Records the entry of a learner who signed in with a password (SignInManager already set the
    /// cookie).</summary>
    public async Task RecordPasswordEntryAsync(HttpContext http, string email)
    {
        if (await signIn.UserManager.FindByEmailAsync(email) is { ContactId: { } contactId } user)
            await entry.RecordAsync(contactId, "password", new Actor(user.Id, user.Email!, null, ClientIp(http)));
    }

    public static string? ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    public static Actor Visitor(HttpContext http) => new(null, "visitor", null, ClientIp(http));
}
