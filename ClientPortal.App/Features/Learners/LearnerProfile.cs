using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Features.Learners;

/// <summary>What a learner changes about themselves: name, password (with a notification email), sessions.</summary>
public sealed class LearnerProfile(IdentityWorkFactory identities, ContactDirectory contacts, PortalMessages messages)
{
    public async Task<(bool HasPassword, Contact? Contact)> GetAsync(string userId, long contactId)
    {
        await using var work = identities.Open();
        var users = work.Users;
        var user = await users.FindByIdAsync(userId);
        return (user is not null && await users.HasPasswordAsync(user), await contacts.GetAsync(contactId));
    }

    public async Task<Outcome> UpdateNameAsync(long contactId, string? firstName, string? lastName, Actor actor)
    {
        var contact = await contacts.GetAsync(contactId);
        if (contact is null) return Outcome.Fail("Your account no longer exists.");
        return await contacts.UpdateAsync(contactId,
            new ContactDetails(contact.Email, firstName, lastName, contact.Phone), actor);
    }

    /// <summary>Sets a first password, or changes it (the current one is then required). Emails a notice either
    /// way.</summary>
    public async Task<Outcome> SetPasswordAsync(string userId, string? currentPassword, string newPassword)
    {
        await using var work = identities.Open();
        var users = work.Users;
        if (await users.FindByIdAsync(userId) is not { } user) return Outcome.Fail("Your account no longer exists.");
        var result = await users.HasPasswordAsync(user)
            ? await users.ChangePasswordAsync(user, currentPassword ?? "", newPassword)
            : await users.AddPasswordAsync(user, newPassword);
        if (!result.Succeeded)
            return Outcome.Fail(result.Errors.Select(e =>
                e.Code == "PasswordMismatch" ? "The current password is wrong." : e.Description).ToArray());
        if (user.ContactId is { } contactId)
            await messages.SendPasswordChangedAsync(contactId, $"password-changed:{user.Id}:{Guid.NewGuid():N}");
        return Outcome.Ok;
    }

    /// <summary>Invalidates every session: other browsers are signed out on their next request, open circuits within a
    /// minute.</summary>
    public async Task SignOutEverywhereAsync(string userId)
    {
        await using var work = identities.Open();
        var users = work.Users;
        if (await users.FindByIdAsync(userId) is { } user) await users.UpdateSecurityStampAsync(user);
    }
}
