using System.Security.Claims;
using ClientPortal.App.Features.Learners;
using ClientPortal.App.Features.Security;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Identity;

/// <summary>The one way a contact becomes a signed-in learner, whatever proved who they are (link, code, password, an external provider).</summary>
public sealed class LearnerSignIn(SignInManager<PortalUser> signIn, LearnerAccounts accounts, PortalEntry entry, IOptions<IdentityOptions> identity)
{
    public async Task<Outcome> SignInContactAsync(HttpContext http, long contactId, string method)
    {
        var account = await accounts.EnsureAccountAsync(contactId);
        if (!account.Succeeded) return account;
        await SignInAsync(http, account.Value!, method);
        await entry.RecordAsync(contactId, method, new Actor(account.Value!.Id, account.Value.Email ?? "", null, ClientIp(http)));
        return Outcome.Ok;
    }

    /// <summary>
    /// Issues the cookie for an account the sign-in's own write returned (what SignInManager.SignInAsync does, without
    /// reading the user and roles again). A fresh cookie (and session) at every sign-in; persistent, so a link login
    /// survives closing the browser.
    /// </summary>
    /// <param name="session">A session the sign-in's write already started; otherwise the cookie starts one.</param>
    public async Task SignInAsync(HttpContext http, LearnerAccount account, string method, string? session = null)
    {
        var principal = PortalClaimsFactory.Principal(identity.Value.ClaimsIdentity, account.Id, account.UserName, account.Email,
            account.SecurityStamp, account.Roles, account.ContactId, account.DisplayName);
        principal.Identities.First().AddClaim(new Claim(ClaimTypes.AuthenticationMethod, method));
        var properties = new AuthenticationProperties { IsPersistent = true };
        if (session is not null) properties.SetString(SignInSessions.ClaimType, session);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, properties);
        http.User = principal;
    }

    /// <summary>Records the entry of a learner who signed in with a password (SignInManager already set the cookie).</summary>
    public async Task RecordPasswordEntryAsync(HttpContext http, string email)
    {
        if (await signIn.UserManager.FindByEmailAsync(email) is { ContactId: { } contactId } user)
            await entry.RecordAsync(contactId, "password", new Actor(user.Id, user.Email!, null, ClientIp(http)));
    }

    public static string? ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    public static Actor Visitor(HttpContext http) => new(null, "visitor", null, ClientIp(http));
}
