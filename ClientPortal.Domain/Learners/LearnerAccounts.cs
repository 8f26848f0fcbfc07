using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Learners;

/// <summary>The Identity account a contact signs in with: created on first entry, linked both ways.</summary>
public sealed class LearnerAccounts(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Returns the contact's learner account, creating and linking it if needed.</summary>
    public async Task<Outcome<PortalUser>> EnsureAccountAsync(long contactId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.DeletedAt == null, ct);
        if (contact is null) return Outcome<PortalUser>.Fail("This contact no longer exists.");

        if (contact.UserId is not null && await users.FindByIdAsync(contact.UserId) is { } linked)
            return Outcome<PortalUser>.Success(linked);

        var existing = await users.FindByEmailAsync(contact.Email);
        if (existing is not null)
        {
            if (existing.ContactId is not null && existing.ContactId != contactId)
                return Outcome<PortalUser>.Fail("Another contact is linked to this email's account.");
            if ((await users.GetRolesAsync(existing)).Any(r => Roles.Team.Contains(r)))
                return Outcome<PortalUser>.Fail("This email belongs to a team member; learners need their own address.");
            existing.ContactId = contactId;
            await users.UpdateAsync(existing);
            if (!await users.IsInRoleAsync(existing, Roles.Learner)) await users.AddToRoleAsync(existing, Roles.Learner);
            contact.UserId = existing.Id;
            await db.SaveChangesAsync(ct);
            return Outcome<PortalUser>.Success(existing);
        }

        var user = new PortalUser
        {
            UserName = contact.Email,
            Email = contact.Email,
            EmailConfirmed = true,
            DisplayName = $"{contact.FirstName} {contact.LastName}".Trim() is { Length: > 0 } name ? name : null,
            ContactId = contactId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return Outcome<PortalUser>.Fail(created.Errors.Select(e => e.Description));
        await users.AddToRoleAsync(user, Roles.Learner);
        contact.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        return Outcome<PortalUser>.Success(user);
    }
}
