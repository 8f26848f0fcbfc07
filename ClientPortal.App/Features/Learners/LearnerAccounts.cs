using System.Security.Cryptography;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Features.Learners;

/// <summary>What a sign-in cookie is made of, read in the same write as the sign-in itself.</summary>
public sealed record LearnerAccount(string Id, string UserName, string? Email, string SecurityStamp, long ContactId, string? DisplayName,
    IReadOnlyList<string> Roles);

/// <summary>The Identity account a contact signs in with: created on first entry, linked both ways.</summary>
public sealed class LearnerAccounts(GroupCommit writes, ILookupNormalizer normalizer, TimeProvider clock)
{
    private string? _learnerRoleId;

    /// <summary>Returns the contact's learner account, creating and linking it if needed (one durable write).</summary>
    public Task<Outcome<LearnerAccount>> EnsureAccountAsync(long contactId, CancellationToken ct = default) =>
        writes.RunAsync(session => Ensure(session, contactId), ct);

    /// <summary>
    /// Within the caller's write. A new account is two rows (user and Learner role) written directly, since this sits on
    /// the sign-in path; it carries what Identity's UserManager would set (normalized names, security and concurrency
    /// stamps, lockout on).
    /// </summary>
    public Outcome<LearnerAccount> Ensure(WriteSession session, long contactId)
    {
        if (session.FindLiveContact(contactId) is not { } contact) return Outcome<LearnerAccount>.Fail("This contact no longer exists.");

        if (contact.UserId is not null && session.FindAccountById(contact.UserId) is { } linked)
            return Outcome<LearnerAccount>.Success(AccountOf(linked, contactId));

        var normalizedEmail = normalizer.NormalizeEmail(contact.Email);
        var learnerRole = _learnerRoleId ??= session.RoleId(Roles.Learner);
        if (session.FindAccountByNormalizedEmail(normalizedEmail) is { } existing)
        {
            if (existing.ContactId is not null && existing.ContactId != contactId)
                return Outcome<LearnerAccount>.Fail("Another contact is linked to this email's account.");
            if (existing.Roles.Any(r => r != Roles.Learner))
                return Outcome<LearnerAccount>.Fail("This email belongs to a team member; learners need their own address.");
            session.LinkContact(existing.Id, contactId);
            if (existing.Roles.Count == 0)
                session.Insert(new IdentityUserRole<string> { UserId = existing.Id, RoleId = learnerRole });
            session.LinkUser(contactId, existing.Id);
            return Outcome<LearnerAccount>.Success(AccountOf(existing, contactId) with { Roles = [Roles.Learner] });
        }

        var user = new PortalUser
        {
            // Time-ordered: a new account's id lands at the end of the id indexes (users, user roles, contacts) instead of
            // on a random page of each, which every commit would write to the WAL.
            Id = Guid.CreateVersion7().ToString(),
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
        session.Insert(user);
        session.Insert(new IdentityUserRole<string> { UserId = user.Id, RoleId = learnerRole });
        session.LinkUser(contactId, user.Id);
        return Outcome<LearnerAccount>.Success(new LearnerAccount(user.Id, user.UserName, user.Email, user.SecurityStamp, contactId,
            user.DisplayName, [Roles.Learner]));
    }

    private static LearnerAccount AccountOf(AccountWrites.StoredAccount a, long contactId) =>
        new(a.Id, a.UserName, a.Email, a.SecurityStamp, contactId, a.DisplayName, a.Roles);
}
