using ClientPortal.App.Features.Messaging;
using ClientPortal.App.Features.Security;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Learners;

/// <summary>"Forgot password": a single-use reset link valid one hour; setting the password notifies by
/// email.</summary>
public sealed class PasswordResets(
    IdentityWorkFactory identities,
    AccountTokens tokens,
    LearnerAccounts accounts,
    PortalUrls urls,
    PortalMessages messages)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public async Task SendAsync(Contact contact, string idempotencyKey, CancellationToken ct = default)
    {
        await using (var work = identities.Open())
        {
            var db = work.Db;
            if (await db.Outbox.AnyAsync(m => m.IdempotencyKey == idempotencyKey, ct)) return;
        }
        var account = await accounts.EnsureAccountAsync(contact.Id, ct);
        if (!account.Succeeded) return;
        var token = await tokens.IssueAsync(AccountTokenPurpose.PasswordReset, account.Value!.Id, Lifetime, ct);
        await messages.SendPasswordResetAsync(contact, await urls.AbsoluteAsync($"/login/reset/{token}", ct),
            idempotencyKey, ct);
    }

    public async Task<bool> IsLiveAsync(string? token, CancellationToken ct = default) =>
        await tokens.FindLiveAsync(AccountTokenPurpose.PasswordReset, token, ct) is not null;

    /// <summary>Sets the new password and consumes the token, in one transaction.</summary>
    public async Task<Outcome<PortalUser>> ResetAsync(string? token, string newPassword, CancellationToken ct = default)
    {
        await using var work = identities.Open();
        var db = work.Db;
        var users = work.Users;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await tokens.ConsumeAsync(db, AccountTokenPurpose.PasswordReset, token, ct);
        if (row?.UserId is null || await users.FindByIdAsync(row.UserId) is not { } user)
            return Outcome<PortalUser>.Fail("This reset link is no longer valid. Ask for a new one from the sign-in " +
                "page.");
        var result = await users.HasPasswordAsync(user)
            ? await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), newPassword)
            : await users.AddPasswordAsync(user, newPassword);
        if (!result.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return Outcome<PortalUser>.Fail(result.Errors.Select(e => e.Description));
        }
        await users.UpdateSecurityStampAsync(user);
        await tx.CommitAsync(ct);
        if (user.ContactId is { } contactId)
            await messages.SendPasswordChangedAsync(contactId, $"password-changed:{user.Id}:{Guid.NewGuid():N}", ct);
        return Outcome<PortalUser>.Success(user);
    }
}
