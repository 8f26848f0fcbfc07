using ClientPortal.App.Features.Security;
using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Setup;

/// <summary>First run: a one-time setup link claims the Owner account; the CLI can create one directly.</summary>
public sealed class OwnerSetup(IdentityWorkFactory identities, AccountTokens tokens,
    TimeProvider clock)
{
    public async Task<bool> HasOwnerAsync(CancellationToken ct = default)
    {
        await using var work = identities.Open();
        return await HasOwnerAsync(work.Db, ct);
    }

    /// <summary>While no Owner exists, issues a fresh setup token (older ones stop working); else null.</summary>
    public async Task<string?> IssueSetupTokenAsync(CancellationToken ct = default) =>
        await HasOwnerAsync(ct) ? null : await tokens.IssueAsync(AccountTokenPurpose.OwnerSetup, null, null, ct);

    public async Task<bool> IsSetupTokenLiveAsync(string? token, CancellationToken ct = default) =>
        await tokens.FindLiveAsync(AccountTokenPurpose.OwnerSetup, token, ct) is not null && !await HasOwnerAsync(ct);

    public Task<Outcome<PortalUser>> ClaimAsync(string? token, string email, string? displayName, string password,
        CancellationToken ct = default) =>
        CreateOwnerAsync(email, displayName, password, false, async db =>
            await tokens.ConsumeAsync(db, AccountTokenPurpose.OwnerSetup, token, ct) is null
                ? "This setup link is no longer valid. Restart the portal to print a new one, or use the " +
                    "create-owner command."
                : null, ct);

    /// <summary>For headless installs (create-owner). Refused once an Owner exists.</summary>
    public Task<Outcome<PortalUser>> CreateOwnerAsync(string email, string? displayName, string password,
        CancellationToken ct = default) =>
        CreateOwnerAsync(email, displayName, password, true, _ => Task.FromResult<string?>(null), ct);

    private async Task<Outcome<PortalUser>> CreateOwnerAsync(string email, string? displayName, string password,
        bool fromCommandLine, Func<PortalDbContext, Task<string?>> authorize, CancellationToken ct)
    {
        if (!ContactEmail.IsValid(email, out var emailError)) return Outcome<PortalUser>.Fail(emailError);
        if (string.IsNullOrEmpty(password)) return Outcome<PortalUser>.Fail("A password is required.");
        email = email.Trim();

        await using var work = identities.Open();
        var db = work.Db;
        var users = work.Users;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await HasOwnerAsync(db, ct))
            return Outcome<PortalUser>.Fail("This portal already has an Owner. Sign in instead.");
        if (await authorize(db) is { } refused) return Outcome<PortalUser>.Fail(refused);
        if (await users.FindByEmailAsync(email) is not null)
            return Outcome<PortalUser>.Fail($"An account with {email} already exists.");

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Text.OrNull(displayName),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return Outcome<PortalUser>.Fail(created.Errors.Select(e => e.Description));
        }
        await users.AddToRoleAsync(user, Roles.Owner);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Raise(new OwnerClaimed(user.Id, email, fromCommandLine, new Actor(user.Id, email, Roles.Owner), now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<PortalUser>.Success(user);
    }

    private static Task<bool> HasOwnerAsync(PortalDbContext db, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Owner select ur)
        .AnyAsync(ct);

    /// <summary>Creates the role rows on first start.</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var name in Roles.All)
            if (!await roles.RoleExistsAsync(name))
                await roles.CreateAsync(new IdentityRole(name));
    }
}
