using System.Security.Cryptography;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.SignIn;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.Infrastructure.Identity;

/// <summary>
/// A learner's Identity account, written inside the sign-in write rather than through UserManager (which would need a
/// context and a transaction of its own on the hot path of a launch). The rows carry what UserManager.CreateAsync and
/// AddToRoleAsync write — normalized names, security and concurrency stamps, lockout on — and LearnerAccountRowsTests
/// compares the two column by column.
/// </summary>
public sealed class LearnerAccountRows(ILookupNormalizer normalizer, TimeProvider clock)
{
    private string? _learnerRoleId;

    public Outcome<LearnerAccount> Ensure(WriteSession session, SignInContact contact)
    {
        if (contact.UserId is not null && session.FindAccountById(contact.UserId) is { } linked)
            return Outcome<LearnerAccount>.Success(AccountOf(linked, contact.Id));

        var normalizedEmail = normalizer.NormalizeEmail(contact.Email);
        var learnerRole = _learnerRoleId ??= session.RoleId(Roles.Learner);
        if (session.FindAccountByNormalizedEmail(normalizedEmail) is { } existing)
        {
            if (existing.ContactId is not null && existing.ContactId != contact.Id)
                return Outcome<LearnerAccount>.Fail("Another contact is linked to this email's account.");
            if (existing.Roles.Any(r => r != Roles.Learner))
                return Outcome<LearnerAccount>.Fail("This email belongs to a team member; learners need their own " +
                    "address.");
            session.LinkContact(existing.Id, contact.Id);
            if (existing.Roles.Count == 0)
                session.Insert(new IdentityUserRole<string> { UserId = existing.Id, RoleId = learnerRole });
            session.LinkUser(contact.Id, existing.Id);
            return Outcome<LearnerAccount>.Success(AccountOf(existing, contact.Id) with { Roles = [Roles.Learner] });
        }

        var user = new PortalUser
        {
            // Time-ordered: a new account's id lands at the end of the id indexes (users, user roles, contacts) instead
            // of on a random page of each, which every commit would write to the WAL.
            Id = Guid.CreateVersion7().ToString(),
            UserName = contact.Email,
            NormalizedUserName = normalizer.NormalizeName(contact.Email),
            Email = contact.Email,
            NormalizedEmail = normalizedEmail,
            EmailConfirmed = true,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            DisplayName = contact.DisplayName,
            ContactId = contact.Id,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        session.Insert(user);
        session.Insert(new IdentityUserRole<string> { UserId = user.Id, RoleId = learnerRole });
        session.LinkUser(contact.Id, user.Id);
        return Outcome<LearnerAccount>.Success(new LearnerAccount(user.Id, user.UserName, user.Email,
            user.SecurityStamp,
            contact.Id,
            user.DisplayName, [Roles.Learner]));
    }

    private static LearnerAccount AccountOf(AccountWrites.StoredAccount a, long contactId) =>
        new(a.Id, a.UserName, a.Email, a.SecurityStamp, contactId, a.DisplayName, a.Roles);
}
