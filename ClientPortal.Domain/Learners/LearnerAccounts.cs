using System.Security.Cryptography;
using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Learners;

/// <summary>The Identity account a contact signs in with: created on first entry, linked both ways.</summary>
public sealed class LearnerAccounts(IServiceScopeFactory scopes, ILookupNormalizer normalizer, TimeProvider clock)
{
    private string? _learnerRoleId;

    /// <summary>Returns the contact's learner account, creating and linking it if needed.</summary>
    public async Task<Outcome<PortalUser>> EnsureAccountAsync(long contactId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await EnsureAccountAsync(scope.ServiceProvider, contactId, ct);
        if (outcome.Succeeded) await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Within the caller's scope and unit of work: the caller saves (and commits). A new account is two rows
    /// (user and Learner role) written directly, since this sits on the sign-in path; it carries what
    /// Identity's UserManager would set (normalized names, security and concurrency stamps, lockout on).
    /// </summary>
    public async Task<Outcome<PortalUser>> EnsureAccountAsync(IServiceProvider scope, long contactId, CancellationToken ct = default)
    {
        var db = scope.GetRequiredService<PortalDbContext>();
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.DeletedAt == null, ct);
        if (contact is null) return Outcome<PortalUser>.Fail("This contact no longer exists.");

        if (contact.UserId is not null && await db.Users.FirstOrDefaultAsync(u => u.Id == contact.UserId, ct) is { } linked)
            return Outcome<PortalUser>.Success(linked);

        var normalizedEmail = normalizer.NormalizeEmail(contact.Email);
        var existing = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, ct);
        var learnerRole = _learnerRoleId ??= await db.Roles.Where(r => r.Name == Roles.Learner).Select(r => r.Id).SingleAsync(ct);
        if (existing is not null)
        {
            if (existing.ContactId is not null && existing.ContactId != contactId)
                return Outcome<PortalUser>.Fail("Another contact is linked to this email's account.");
            var roleIds = await db.UserRoles.Where(ur => ur.UserId == existing.Id).Select(ur => ur.RoleId).ToListAsync(ct);
            if (await db.Roles.AnyAsync(r => roleIds.Contains(r.Id) && r.Name != Roles.Learner, ct))
                return Outcome<PortalUser>.Fail("This email belongs to a team member; learners need their own address.");
            existing.ContactId = contactId;
            if (!roleIds.Contains(learnerRole)) db.UserRoles.Add(new IdentityUserRole<string> { UserId = existing.Id, RoleId = learnerRole });
            contact.UserId = existing.Id;
            return Outcome<PortalUser>.Success(existing);
        }

        var user = new PortalUser
        {
            UserName = contact.Email,
            NormalizedUserName = normalizer.NormalizeName(contact.Email),
            Email = contact.Email,
            NormalizedEmail = normalizedEmail,
            EmailConfirmed = true,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            DisplayName = $"{contact.FirstName} {contact.LastName}".Trim() is { Length: > 0 } name ? name : null,
            ContactId = contactId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = learnerRole });
        contact.UserId = user.Id;
        return Outcome<PortalUser>.Success(user);
    }
}
