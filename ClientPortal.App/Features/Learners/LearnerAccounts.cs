using System.Security.Cryptography;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
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
        string email;
        string? first, last;
        string? linkedId;
        using (var contact = session.Command("""
                   SELECT "Email", "FirstName", "LastName", "UserId" FROM "Contacts" WHERE "Id" = @p0 AND "DeletedAt" IS NULL
                   """, contactId).ExecuteReader())
        {
            if (!contact.Read()) return Outcome<LearnerAccount>.Fail("This contact no longer exists.");
            (email, first, last, linkedId) = (contact.GetString(0), Text(contact, 1), Text(contact, 2), Text(contact, 3));
        }

        if (linkedId is not null && FindUser(session, """ "Id" = @p0 """, linkedId) is { } linked)
            return Outcome<LearnerAccount>.Success(linked.Account with { ContactId = contactId });

        var normalizedEmail = normalizer.NormalizeEmail(email);
        var learnerRole = _learnerRoleId ??= (string)session.Command("""SELECT "Id" FROM "AspNetRoles" WHERE "Name" = @p0""", Roles.Learner).ExecuteScalar()!;
        if (FindUser(session, """ "NormalizedEmail" = @p0 """, normalizedEmail) is { } existing)
        {
            if (existing.ContactId is not null && existing.ContactId != contactId)
                return Outcome<LearnerAccount>.Fail("Another contact is linked to this email's account.");
            if (existing.Account.Roles.Any(r => r != Roles.Learner))
                return Outcome<LearnerAccount>.Fail("This email belongs to a team member; learners need their own address.");
            session.Update("""UPDATE "AspNetUsers" SET "ContactId" = @p0 WHERE "Id" = @p1""", contactId, existing.Account.Id);
            if (existing.Account.Roles.Count == 0)
                session.Insert(new IdentityUserRole<string> { UserId = existing.Account.Id, RoleId = learnerRole });
            session.Update("""UPDATE "Contacts" SET "UserId" = @p0 WHERE "Id" = @p1""", existing.Account.Id, contactId);
            return Outcome<LearnerAccount>.Success(existing.Account with { ContactId = contactId, Roles = [Roles.Learner] });
        }

        var user = new PortalUser
        {
            // Time-ordered: a new account's id lands at the end of the id indexes (users, user roles, contacts) instead of
            // on a random page of each, which every commit would write to the WAL.
            Id = Guid.CreateVersion7().ToString(),
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalizedEmail,
            EmailConfirmed = true,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            DisplayName = $"{first} {last}".Trim() is { Length: > 0 } name ? name : null,
            ContactId = contactId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        session.Insert(user);
        session.Insert(new IdentityUserRole<string> { UserId = user.Id, RoleId = learnerRole });
        session.Update("""UPDATE "Contacts" SET "UserId" = @p0 WHERE "Id" = @p1""", user.Id, contactId);
        return Outcome<LearnerAccount>.Success(new LearnerAccount(user.Id, user.UserName, user.Email, user.SecurityStamp, contactId,
            user.DisplayName, [Roles.Learner]));
    }

    private static string? Text(System.Data.Common.DbDataReader row, int i) => row.IsDBNull(i) ? null : row.GetString(i);

    private sealed record FoundUser(LearnerAccount Account, long? ContactId);

    private static FoundUser? FindUser(WriteSession session, string where, string value)
    {
        LearnerAccount account;
        long? contactId;
        using (var user = session.Command($"""
                   SELECT "Id", "UserName", "Email", "SecurityStamp", "DisplayName", "ContactId" FROM "AspNetUsers" WHERE {where}
                   """, value).ExecuteReader())
        {
            if (!user.Read()) return null;
            contactId = user.IsDBNull(5) ? null : user.GetInt64(5);
            account = new LearnerAccount(user.GetString(0), Text(user, 1) ?? user.GetString(0), Text(user, 2), Text(user, 3) ?? "", contactId ?? 0,
                Text(user, 4), []);
        }
        var roles = new List<string>();
        using (var names = session.Command("""
                   SELECT r."Name" FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" WHERE ur."UserId" = @p0
                   """, account.Id).ExecuteReader())
            while (names.Read()) roles.Add(names.GetString(0));
        return new FoundUser(account with { Roles = roles }, contactId);
    }
}
