using ClientPortal.Domain;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Passkeys;

/// <summary>How a contact signs in, for their card: passkeys, a password, and the last way they came in.</summary>
public sealed record SignInMethods(bool HasAccount, int Passkeys, bool HasPassword, string? LastAction, DateTime? LastAt);

/// <summary>The contact card's view of a learner's sign-in methods, and the team's removal of their passkeys.</summary>
public sealed class LearnerSignInMethods(IdentityWorkFactory identities, TimeProvider clock)
{
    public async Task<SignInMethods> OfAsync(long contactId, CancellationToken ct = default)
    {
        await using var work = identities.Open();
        var db = work.Db;
        var userId = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.UserId).FirstOrDefaultAsync(ct);
        var last = await db.AuditEvents.AsNoTracking().Where(a => a.ContactId == contactId && a.Action.StartsWith("login."))
            .OrderByDescending(a => a.Id).Select(a => new { a.Action, a.At }).FirstOrDefaultAsync(ct);
        if (userId is null || await work.Users.FindByIdAsync(userId) is not { } user)
            return new SignInMethods(false, 0, false, last?.Action, last?.At);
        return new SignInMethods(true, (await work.Users.GetPasskeysAsync(user)).Count, await work.Users.HasPasswordAsync(user),
            last?.Action, last?.At);
    }

    /// <summary>Removes every passkey of the contact's account; links, codes and a password still work. Audited.</summary>
    public async Task<Outcome<int>> RemovePasskeysAsync(long contactId, Actor actor, CancellationToken ct = default)
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
        db.Raise(new Audited("passkey.remove", contactId, null, $"{Plural.Of(passkeys.Count, "passkey")} removed by the team", actor,
            clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Success(passkeys.Count);
    }
}
