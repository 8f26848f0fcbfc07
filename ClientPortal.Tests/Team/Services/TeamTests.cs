using ClientPortal.Domain;
using ClientPortal.App.Features.Setup;
using ClientPortal.App.Features.Team;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Team.Services;

public class TeamTests
{
    private const string Password = "Str0ng!Passw0rd";

    private static async Task<(DomainHost Host, Actor Owner)> WithOwnerAsync()
    {
        var host = await DomainHost.StartAsync();
        var owner = (await host.Get<OwnerSetup>().CreateOwnerAsync("owner@example.com", "Olive", Password)).Value!;
        return (host, new Actor(owner.Id, owner.Email!, Roles.Owner));
    }

    [Fact]
    public async Task Invited_member_sets_a_password_once_with_the_link()
    {
        var (host, owner) = await WithOwnerAsync();
        await using var _ = host;
        var team = host.Get<TeamMembers>();
        var invite = await team.InviteAsync("staff@example.com", "Sam", Roles.Staff, owner);
        Assert.True(invite.Succeeded, invite.ErrorText);

        Assert.Equal("staff@example.com", (await team.FindInviteeAsync(invite.Value!.Token))!.Email);
        var accepted = await team.AcceptInviteAsync(invite.Value!.Token, Password);
        Assert.True(accepted.Succeeded, accepted.ErrorText);
        Assert.False((await team.AcceptInviteAsync(invite.Value!.Token, "An0ther!Password")).Succeeded);

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var staff = await users.FindByEmailAsync("staff@example.com");
        Assert.True(await users.CheckPasswordAsync(staff!, Password));
        Assert.Equal([Roles.Staff], await users.GetRolesAsync(staff!));
    }

    [Fact]
    public async Task An_invitation_is_emailed_with_what_the_role_may_do_and_its_link()
    {
        var (host, owner) = await WithOwnerAsync();
        await using var _ = host;
        var invite = await host.Get<TeamMembers>().InviteAsync("sam@example.com", "Sam", Roles.Staff, owner);
        Assert.True(invite.Succeeded, invite.ErrorText);
        Assert.Equal("http://localhost:5000/account/accept/" + invite.Value!.Token, invite.Value.Url);

        await using var db = host.NewDb();
        var message = await db.Outbox.SingleAsync(m => m.To == "sam@example.com");
        Assert.Equal(("team-invite", null), (message.Kind, message.ContactId));
        Assert.Equal("owner@example.com invited you to the team of Client Portal", message.Subject);
        var text = host.Get<MessageProtector>().TryUnprotect(message.ProtectedText)!;
        Assert.Contains("Hi Sam,", text);
        Assert.Contains($"as Staff, who may {Roles.WhatTheyMayDo(Roles.Staff)}.", RenderedText.Collapse(text));
        Assert.Contains(invite.Value.Url, text);
        Assert.Contains("The link works once, until", text);
    }

    [Fact]
    public async Task The_last_owner_cannot_be_demoted_disabled_or_removed()
    {
        var (host, owner) = await WithOwnerAsync();
        await using var _ = host;
        var team = host.Get<TeamMembers>();
        var admin = await team.InviteAsync("admin@example.com", null, Roles.Admin, owner);
        var adminId = (await team.ListAsync()).Single(m => m.Email == "admin@example.com").Id;
        var adminActor = new Actor(adminId, "admin@example.com", Roles.Admin);

        Assert.Contains("last Owner", (await team.ChangeRoleAsync(owner.UserId!, Roles.Admin, owner)).ErrorText);
        Assert.False((await team.RemoveAsync(owner.UserId!, adminActor)).Succeeded);
        Assert.False((await team.SetDisabledAsync(owner.UserId!, true, adminActor)).Succeeded);
        Assert.Contains("Only an Owner", (await team.ChangeRoleAsync(adminId, Roles.Owner, adminActor)).ErrorText);

        // With a second Owner, the first may step down.
        Assert.True((await team.ChangeRoleAsync(adminId, Roles.Owner, owner)).Succeeded);
        Assert.True((await team.ChangeRoleAsync(owner.UserId!, Roles.Staff, owner)).Succeeded);
        var roles = (await team.ListAsync()).ToDictionary(m => m.Email, m => m.Role);
        Assert.Equal(Roles.Owner, roles["admin@example.com"]);
        Assert.Equal(Roles.Staff, roles["owner@example.com"]);
        Assert.NotNull(admin.Value);
    }

    [Fact]
    public async Task An_invite_names_a_bad_address_and_someone_already_on_the_team()
    {
        var (host, owner) = await WithOwnerAsync();
        await using var _ = host;
        var team = host.Get<TeamMembers>();
        Assert.Contains("not a valid email", (await team.InviteAsync("bad", null, Roles.Staff, owner)).ErrorText);
        Assert.Contains("already on the team", (await team.InviteAsync("OWNER@example.com", null, Roles.Staff, owner))
            .ErrorText);
    }

    [Fact]
    public async Task An_owner_is_made_from_the_team_never_invited()
    {
        var (host, owner) = await WithOwnerAsync();
        await using var _ = host;
        var team = host.Get<TeamMembers>();
        var refused = await team.InviteAsync("o2@example.com", null, Roles.Owner, owner);
        Assert.Contains("Invite them as Admin or Staff", refused.ErrorText);
        Assert.DoesNotContain((await team.ListAsync()), m => m.Email == "o2@example.com");

        var invited = await team.InviteAsync("o2@example.com", null, Roles.Admin, owner);
        Assert.True(invited.Succeeded);
        var id = (await team.ListAsync()).Single(m => m.Email == "o2@example.com").Id;
        Assert.True((await team.ChangeRoleAsync(id, Roles.Owner, owner)).Succeeded);
    }

    [Fact]
    public async Task Ownership_moves_to_a_joined_member_only_with_the_owners_password()
    {
        var (host, owner) = await WithOwnerAsync();
        await using var _ = host;
        var team = host.Get<TeamMembers>();
        var invite = await team.InviteAsync("ada@example.com", null, Roles.Admin, owner);
        var adaId = (await team.ListAsync()).Single(m => m.Email == "ada@example.com").Id;
        Assert.Contains("joined", (await team.TransferOwnershipAsync(adaId, Password, owner)).ErrorText);
        Assert.True((await team.AcceptInviteAsync(invite.Value!.Token, "Ada's!Passw0rd")).Succeeded);

        var wrong = await team.TransferOwnershipAsync(adaId, "not-my-password", owner);
        Assert.Equal([new FieldProblem("Password", "That is not your password.")], wrong.FieldProblems);
        var ada = new Actor(adaId, "ada@example.com", Roles.Admin);
        Assert.Contains("Only the Owner", (await team.TransferOwnershipAsync(adaId, "Ada's!Passw0rd", ada)).ErrorText);
        Assert.Equal(Roles.Admin, (await team.ListAsync()).Single(m => m.Id == adaId).Role);

        Assert.True((await team.TransferOwnershipAsync(adaId, Password, owner)).Succeeded);
        var roles = (await team.ListAsync()).ToDictionary(m => m.Email, m => m.Role);
        Assert.Equal((Roles.Owner, Roles.Admin), (roles["ada@example.com"], roles["owner@example.com"]));
        await using var db = host.NewDb();
        Assert.Equal(["Admin -> Owner", "Owner -> Admin"], await db.AuditEvents
            .Where(a => a.Action == ClientPortal.Domain.Events.AuditActions.TeamRole).OrderBy(a => a.Id)
            .Select(a => a.Details!).ToListAsync());
    }

    [Fact]
    public async Task Disabling_locks_the_account_and_changes_its_stamp()
    {
        var (host, owner) = await WithOwnerAsync();
        await using var _ = host;
        var team = host.Get<TeamMembers>();
        var invite = await team.InviteAsync("s@example.com", null, Roles.Staff, owner);
        await team.AcceptInviteAsync(invite.Value!.Token, Password);
        var id = (await team.ListAsync()).Single(m => m.Email == "s@example.com").Id;

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var stampBefore = (await users.FindByIdAsync(id))!.SecurityStamp;
        Assert.True((await team.SetDisabledAsync(id, true, owner)).Succeeded);

        await using var scope2 = host.Services.CreateAsyncScope();
        var users2 = scope2.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var after = (await users2.FindByIdAsync(id))!;
        Assert.True(after.IsDisabled);
        Assert.True(await users2.IsLockedOutAsync(after));
        Assert.NotEqual(stampBefore, after.SecurityStamp);
        Assert.True((await team.ListAsync()).Single(m => m.Id == id).IsDisabled);
    }
}
