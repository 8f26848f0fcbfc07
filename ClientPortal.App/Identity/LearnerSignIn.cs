using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Learners;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Identity;

/// <summary>The one way a contact becomes a signed-in learner, whatever proved who they are (link, code, password, OAuth).</summary>
public sealed class LearnerSignIn(SignInManager<PortalUser> signIn, LearnerAccounts accounts, PortalEntry entry)
{
    public async Task<Outcome> SignInContactAsync(HttpContext http, long contactId, string method)
    {
        var account = await accounts.EnsureAccountAsync(contactId);
        if (!account.Succeeded) return account;
        // A fresh cookie (and session) at every sign-in; persistent, so a link login survives closing the browser.
        await signIn.SignInAsync(account.Value!, isPersistent: true, authenticationMethod: method);
        await entry.RecordAsync(contactId, method, new Actor(account.Value!.Id, account.Value.Email!, null, ClientIp(http)));
        return Outcome.Ok;
    }

    /// <summary>Signs in an account whose entry the domain already recorded (magic-link redemption).</summary>
    public async Task<Outcome> SignInUserAsync(string userId)
    {
        if (await signIn.UserManager.FindByIdAsync(userId) is not { } user) return Outcome.Fail("This account no longer exists.");
        await signIn.SignInAsync(user, isPersistent: true, authenticationMethod: "link");
        return Outcome.Ok;
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
