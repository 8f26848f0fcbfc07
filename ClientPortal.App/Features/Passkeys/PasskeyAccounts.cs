using System.Buffers.Text;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Passkeys;

/// <summary>How a contact signs in, for their card: passkeys, a password, and the last way they came in.</summary>
public sealed record SignInMethods(bool HasAccount, int Passkeys, bool HasPassword, string? LastAction,
    DateTime? LastAt);

/// <summary>One of a person's passkeys, as their profile lists it; <see cref="Id"/> is the credential id,
/// base64url.</summary>
public sealed record PasskeyRow(string Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt);

/// <summary>
/// People's passkeys outside the ceremonies: a person's list, renaming and removing one, and for the contact card how a
/// learner signs in and the team's removal of their passkeys. One Identity unit of work per call, so pages with a live
/// connection can use it.
/// </summary>
public sealed class PasskeyAccounts(IdentityWorkFactory identities, TimeProvider clock)
{
    public const int MaxNameLength = PasskeyNames.MaxLength;

    public async Task<SignInMethods> SignInMethodsAsync(long contactId, CancellationToken ct = default)
    {
        await using var work = identities.Open();
        var db = work.Db;
        var userId = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.UserId).FirstOrDefaultAsync(ct);
        var last = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ContactId == contactId && a.Action.StartsWith("login."))
            .OrderByDescending(a => a.Id).Select(a => new { a.Action, a.At }).FirstOrDefaultAsync(ct);
        if (userId is null || await work.Users.FindByIdAsync(userId) is not { } user)
            return new SignInMethods(false, 0, false, last?.Action, last?.At);
        return new SignInMethods(true, (await work.Users.GetPasskeysAsync(user)).Count,
            await work.Users.HasPasswordAsync(user),
            last?.Action, last?.At);
    }

    /// <summary>Whether the library offers this learner to add a passkey (<see
    /// cref="PortalUser.ShouldOfferPasskey"/>).</summary>
    public async Task<bool> ShouldOfferAsync(string userId, CancellationToken ct = default)
    {
        await using var work = identities.Open();
        return await work.Users.FindByIdAsync(userId) is { } user
               && user.ShouldOfferPasskey((await work.Users.GetPasskeysAsync(user)).Count, clock.GetUtcNow()
                   .UtcDateTime);
    }

    /// <summary>"Not now": the offer rests for a month.</summary>
    public async Task DismissOfferAsync(string userId, CancellationToken ct = default)
    {
        await using var work = identities.Open();
        if (await work.Users.FindByIdAsync(userId) is not { } user) return;
        user.PasskeyOfferDismissedAt = clock.GetUtcNow().UtcDateTime;
        await work.Users.UpdateAsync(user);
    }

    /// <summary>Removes every passkey of the contact's account; links, codes and a password still work.
    /// Audited.</summary>
    public async Task<Outcome<int>> RemoveAllAsync(long contactId, Actor actor, CancellationToken ct = default)
    {
        await using var work = identities.Open();
        var db = work.Db;
        var userId = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.UserId).FirstOrDefaultAsync(ct);
        if (userId is null || await work.Users.FindByIdAsync(userId) is not { } user) return Outcome<int>.Success(0);
        var passkeys = await work.Users.GetPasskeysAsync(user);
        foreach (var passkey in passkeys)
        {
            var removed = await work.Users.RemovePasskeyAsync(user, passkey.CredentialId);
            if (!removed.Succeeded) return Outcome<int>.Fail(removed.Errors.Select(e => e.Description));
        }
        if (passkeys.Count == 0) return Outcome<int>.Success(0);
        db.Raise(new PasskeysRemoved(contactId, null, passkeys.Count, actor, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Success(passkeys.Count);
    }
    public async Task<IReadOnlyList<PasskeyRow>> ListAsync(string userId)
    {
        await using var work = identities.Open();
        if (await work.Users.FindByIdAsync(userId) is not { } user) return [];
        var passkeys = await work.Users.GetPasskeysAsync(user);
        var ids = passkeys.Select(p => p.CredentialId).ToList();
        var used = await work.Db.PasskeyUses.AsNoTracking().Where(u => ids.Contains(u.CredentialId)).ToListAsync();
        return passkeys.OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyRow(Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey",
                p.CreatedAt.UtcDateTime,
                    used.FirstOrDefault(u => u.CredentialId.AsSpan().SequenceEqual(p.CredentialId))?.LastUsedAt))
            .ToList();
    }

    public async Task<Outcome> RenameAsync(string userId, string? id, string? name)
    {
        if (PasskeyNames.Check(name) is { Count: > 0 } problems) return Outcome.Invalid(problems);
        name = name!.Trim();
        await using var work = identities.Open();
        if (await FindAsync(work, userId, id) is not ({ } user,
            { } passkey)) return Outcome.Fail("That passkey is no longer on your account.");
        passkey.Name = name;
        var saved = await work.Users.AddOrUpdatePasskeyAsync(user, passkey);
        return saved.Succeeded ? Outcome.Ok : Outcome.Fail(saved.Errors.Select(e => e.Description).ToArray());
    }

    /// <summary>Removes one of the person's passkeys (by themselves, or by a team member from a learner's
    /// card).</summary>
    public async Task<Outcome> RemoveAsync(string userId, string? id, Actor actor)
    {
        await using var work = identities.Open();
        if (await FindAsync(work, userId, id) is not ({ } user,
            { } passkey)) return Outcome.Fail("That passkey is no longer on the account.");
        var removed = await work.Users.RemovePasskeyAsync(user, passkey.CredentialId);
        if (!removed.Succeeded) return Outcome.Fail(removed.Errors.Select(e => e.Description).ToArray());
        work.Db.Raise(new PasskeysRemoved(user.ContactId, passkey.Name, 1, actor, clock.GetUtcNow().UtcDateTime));
        await work.Db.SaveChangesAsync();
        return Outcome.Ok;
    }

    private static async Task<(PortalUser?, UserPasskeyInfo?)> FindAsync(IdentityWork work, string userId, string? id)
    {
        if (id is null || await work.Users.FindByIdAsync(userId) is not { } user) return (null, null);
        byte[] credentialId;
        try
        {
            credentialId = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return (user, null);
        }
        return (user, await work.Users.GetPasskeyAsync(user, credentialId));
    }
}
