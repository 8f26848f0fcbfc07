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

namespace ClientPortal.App.Features.Team;

/// <summary>A one-time link to join the team (also emailed to the invitee).</summary>
public sealed record TeamInvitation(string Token, string Url);

public sealed record TeamMember(string Id, string Email, string? DisplayName, string Role, bool IsDisabled,
    bool HasPassword, bool TwoFactorEnabled, DateTime CreatedAt);

/// <summary>
/// Team users (Owner, Admin, Staff). Each operation runs in its own DI scope, so a Blazor circuit never
/// holds a long-lived DbContext or UserManager.
/// </summary>
public sealed class TeamMembers(
    IdentityWorkFactory identities,
    IDbContextFactory<PortalDbContext> dbFactory,
    AccountTokens tokens,
    Messaging.PortalMessages messages,
    Settings.PortalUrls urls,
    TimeProvider clock)
{
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);

    /// <summary>Where an invitation's link leads (the page that sets the new member's password).</summary>
    public const string AcceptPath = "/account/accept/";

    /// <summary>Whether this team member reads the admin screens in the dark palette (their choice follows them to
    /// every device).</summary>
    public async Task<bool> PrefersDarkModeAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PrefersDarkMode).FirstOrDefaultAsync(ct);
    }

    public async Task SetDarkModeAsync(string userId, bool dark, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) is not { } user) return;
        user.PrefersDarkMode = dark;
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<TeamMember>> ListAsync(CancellationToken ct = default)
    {
        await using var work = identities.Open();
        var db = work.Db;
        var rows = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.Owner || r.Name == Roles.Admin || r.Name == Roles.Staff
            orderby u.CreatedAt
            select new TeamMember(u.Id, u.Email!, u.DisplayName, r.Name!, u.IsDisabled, u.PasswordHash != null,
                u.TwoFactorEnabled, u.CreatedAt)).ToListAsync(ct);
        return rows;
    }

    /// <summary>Creates the team user without a password and returns a one-time set-password token.</summary>
    /// <summary>Adds the member, without a password yet, and emails them the link that sets one.</summary>
    public async Task<Outcome<TeamInvitation>> InviteAsync(string email, string? displayName, string role,
        Actor actor, CancellationToken ct = default)
    {
        if (Roles.InviteProblems(email, role,
            actor) is { Count: > 0 } problems) return Outcome<TeamInvitation>.Invalid(problems);
        email = email.Trim();

        await using var work = identities.Open();
        var users = work.Users;
        var db = work.Db;
        if (await users.FindByEmailAsync(email) is { } existing)
            return Outcome<TeamInvitation>.Invalid("Email", existing.ContactId is null
                ? $"{email} is already on the team."
                : $"{email} is a learner account; use another address for the team user.");

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Text.OrNull(displayName),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return Outcome<TeamInvitation>.Fail(created.Errors.Select(e => e.Description));
        await users.AddToRoleAsync(user, role);
        var token = await tokens.IssueAsync(AccountTokenPurpose.TeamInvite, user.Id, InviteLifetime, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Raise(new TeamChanged(user.Id, email, TeamChange.Invited, role, null, actor, now));
        await db.SaveChangesAsync(ct);
        return Outcome<TeamInvitation>.Success(await SendAsync(email, user.DisplayName, role, token, actor, ct));
    }

    private async Task<TeamInvitation> SendAsync(string email, string? name, string role, string token, Actor actor,
        CancellationToken ct)
    {
        var invitation = new TeamInvitation(token, await urls.AbsoluteAsync(AcceptPath + token, ct));
        await messages.SendTeamInviteAsync(email, name, role, invitation.Url,
            clock.GetUtcNow().UtcDateTime + InviteLifetime, actor, ct);
        return invitation;
    }

    /// <summary>A fresh set-password link for a member who has not set a password yet.</summary>
    public async Task<Outcome<TeamInvitation>> ReissueInviteAsync(string userId, Actor actor,
        CancellationToken ct = default)
    {
        var member = (await ListAsync(ct)).FirstOrDefault(m => m.Id == userId);
        if (member is null) return Outcome<TeamInvitation>.Fail("That team member no longer exists.");
        if (member.HasPassword) return Outcome<TeamInvitation>.Fail($"{member.Email} has already set a password.");
        var token = await tokens.IssueAsync(AccountTokenPurpose.TeamInvite, userId, InviteLifetime, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Raise(new TeamChanged(userId, member.Email, TeamChange.InviteReissued, null, null, actor, clock.GetUtcNow()
            .UtcDateTime));
        await db.SaveChangesAsync(ct);
        return Outcome<TeamInvitation>.Success(await SendAsync(member.Email, member.DisplayName, member.Role, token,
            actor, ct));
    }

    public async Task<PortalUser?> FindInviteeAsync(string? token, CancellationToken ct = default)
    {
        var row = await tokens.FindLiveAsync(AccountTokenPurpose.TeamInvite, token, ct);
        if (row?.UserId is null) return null;
        await using var work = identities.Open();
        var users = work.Users;
        return await users.FindByIdAsync(row.UserId);
    }

    /// <summary>Sets the invited member's first password and consumes the invite.</summary>
    public async Task<Outcome<PortalUser>> AcceptInviteAsync(string? token, string password,
        CancellationToken ct = default)
    {
        await using var work = identities.Open();
        var db = work.Db;
        var users = work.Users;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await tokens.ConsumeAsync(db, AccountTokenPurpose.TeamInvite, token, ct);
        if (row?.UserId is null || await users.FindByIdAsync(row.UserId) is not { } user)
            return Outcome<PortalUser>.Fail("This invitation link is no longer valid. Ask a team admin for a new one.");
        if (user.IsDisabled) return Outcome<PortalUser>.Fail("This account has been disabled.");
        var set = await users.AddPasswordAsync(user, password);
        if (!set.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return Outcome<PortalUser>.Fail(set.Errors.Select(e => e.Description));
        }
        db.Raise(new TeamChanged(user.Id, user.Email, TeamChange.InviteAccepted, null, null,
            new Actor(user.Id, user.Email!, null),
            clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<PortalUser>.Success(user);
    }

    public async Task<Outcome> ChangeRoleAsync(string userId, string newRole, Actor actor,
        CancellationToken ct = default)
    {
        if (!Roles.Team.Contains(newRole)) return Outcome.Fail($"Unknown role '{newRole}'.");
        return await ChangeAsync(userId, actor, TeamChange.RoleChanged, newRole,
            async (users, user, currentRole, ownerCount) =>
        {
            if (currentRole == newRole) return Outcome.Ok;
            if ((currentRole == Roles.Owner || newRole == Roles.Owner) && !actor.IsOwner)
                return Outcome.Fail("Only an Owner can change who is an Owner.");
            if (currentRole == Roles.Owner && ownerCount <= 1)
                return Outcome.Fail("The last Owner cannot be demoted. Make someone else an Owner first.");
            await users.RemoveFromRoleAsync(user, currentRole);
            await users.AddToRoleAsync(user, newRole);
            await users.UpdateSecurityStampAsync(user); // the new role reaches open sessions promptly
            return Outcome.Ok;
        }, ct);
    }

    public async Task<Outcome> SetDisabledAsync(string userId, bool disabled, Actor actor,
        CancellationToken ct = default) =>
        await ChangeAsync(userId, actor, disabled ? TeamChange.Disabled : TeamChange.Enabled, null,
            async (users, user, role, ownerCount) =>
        {
            if (disabled && user.Id == actor.UserId) return Outcome.Fail("You cannot disable your own account.");
            if (disabled && role == Roles.Owner
                && !actor.IsOwner) return Outcome.Fail("Only an Owner can disable an Owner.");
            if (disabled && role == Roles.Owner
                && ownerCount <= 1) return Outcome.Fail("The last Owner cannot be disabled.");
            user.IsDisabled = disabled;
            user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
            user.LockoutEnabled = true;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user); // signs the user out everywhere
            return Outcome.Ok;
        }, ct);

    public async Task<Outcome> RemoveAsync(string userId, Actor actor, CancellationToken ct = default) =>
        await ChangeAsync(userId, actor, TeamChange.Removed, null, async (users, user, role, ownerCount) =>
        {
            if (user.Id == actor.UserId) return Outcome.Fail("You cannot remove your own account.");
            if (role == Roles.Owner && !actor.IsOwner) return Outcome.Fail("Only an Owner can remove an Owner.");
            if (role == Roles.Owner && ownerCount <= 1) return Outcome.Fail("The last Owner cannot be removed.");
            var result = await users.DeleteAsync(user);
            return result.Succeeded ? Outcome.Ok : Outcome.Fail(result.Errors.Select(e => e.Description).ToArray());
        }, ct);

    /// <summary>
    /// The Owner hands the portal to another active team member, confirming with their own password: the member
    /// becomes the Owner and the Owner an Admin, in one transaction (both roles reach open sessions promptly). A wrong
    /// password counts towards the account's lockout, as at sign-in.
    /// </summary>
    public async Task<Outcome> TransferOwnershipAsync(string toUserId, string password, Actor actor,
        CancellationToken ct = default)
    {
        if (!actor.IsOwner || actor.UserId is null) return Outcome.Fail("Only the Owner can transfer ownership.");
        if (toUserId == actor.UserId) return Outcome.Fail("You are the Owner already.");
        await using var work = identities.Open();
        var (db, users) = (work.Db, work.Users);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var me = await users.FindByIdAsync(actor.UserId);
        var to = await users.FindByIdAsync(toUserId);
        if (me is null) return Outcome.Fail("Your account no longer exists.");
        if (to is null) return Outcome.Fail("That team member no longer exists.");
        if (await users.IsLockedOutAsync(me)) return Outcome.Fail("Too many wrong passwords: wait a few minutes.");
        if (!await users.CheckPasswordAsync(me, password ?? ""))
        {
            await users.AccessFailedAsync(me);
            return Outcome.Invalid("Password", "That is not your password.");
        }
        await users.ResetAccessFailedCountAsync(me);
        var role = (await users.GetRolesAsync(to)).FirstOrDefault(r => Roles.Team.Contains(r));
        if (role is null) return Outcome.Fail("That account is not a team member.");
        if (to.IsDisabled || to.PasswordHash is null)
            return Outcome.Fail("Only a member who has joined and is not disabled can become the Owner.");
        if (role != Roles.Owner)
        {
            await users.RemoveFromRoleAsync(to, role);
            await users.AddToRoleAsync(to, Roles.Owner);
            await users.UpdateSecurityStampAsync(to);
        }
        await users.RemoveFromRoleAsync(me, Roles.Owner);
        await users.AddToRoleAsync(me, Roles.Admin);
        await users.UpdateSecurityStampAsync(me);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Raise(new TeamChanged(to.Id, to.Email, TeamChange.RoleChanged, role, Roles.Owner, actor, now));
        db.Raise(new TeamChanged(me.Id, me.Email, TeamChange.RoleChanged, Roles.Owner, Roles.Admin, actor, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    private async Task<Outcome> ChangeAsync(string userId, Actor actor, TeamChange kind, string? newRole,
        Func<UserManager<PortalUser>, PortalUser, string, int, Task<Outcome>> change, CancellationToken ct)
    {
        await using var work = identities.Open();
        var db = work.Db;
        var users = work.Users;
        // One writer at a time, so two Owners demoting each other cannot leave the portal with none.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Outcome.Fail("That team member no longer exists.");
        var role = (await users.GetRolesAsync(user)).FirstOrDefault(r => Roles.Team.Contains(r));
        if (role is null) return Outcome.Fail("That account is not a team member.");
        var ownerCount = (await users.GetUsersInRoleAsync(Roles.Owner)).Count(u => !u.IsDisabled);
        var outcome = await change(users, user, role, ownerCount);
        if (!outcome.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return outcome;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Raise(new TeamChanged(user.Id, user.Email, kind, role, newRole, actor, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }
}
