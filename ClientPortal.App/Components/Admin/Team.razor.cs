using Microsoft.AspNetCore.Components;
using ClientPortal.App.Features.Settings;
using ClientPortal.App.Features.Team;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class Team
{
    private IReadOnlyList<TeamMember>? members;
    private readonly InviteInput invite = new();
    private Outcome? outcome;
    private string? inviteLink;
    private string? invitedEmail;
    private bool busy;
    private static readonly string[] InviteRoles = [Roles.Admin, Roles.Staff];
    private string[] assignableRoles = [Roles.Admin, Roles.Staff];

    protected override async Task LoadAsync()
    {
        await ReloadAsync();
    }

    private async Task ReloadAsync() => members = await Members.ListAsync();

    /// <summary>Ownership moves only here, confirmed by the Owner's password, never through the role list.</summary>
    private async Task TransferAsync(TeamMember m) =>
        await DialogService.ShowAsync<TransferOwnershipDialog>("Transfer ownership",
            new DialogParameters<TransferOwnershipDialog> { { d => d.Member, m } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });

    private async Task InviteAsync()
    {
        busy = true;
        try
        {
            inviteLink = null;
            var invited = await Members.InviteAsync(invite.Email, invite.Name, invite.Role, Me);
            outcome = invited;
            if (!invited.Succeeded) return;
            invitedEmail = invite.Email.Trim();
            inviteLink = invited.Value!.Url;
            invite.Email = "";
            invite.Name = "";
            await ReloadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ReissueAsync(TeamMember m)
    {
        var outcome = await Members.ReissueInviteAsync(m.Id, Me);
        if (!Report(outcome)) return;
        invitedEmail = m.Email;
        inviteLink = outcome.Value!.Url;
    }

    private async Task ChangeRoleAsync(TeamMember m, string role)
    {
        Report(await Members.ChangeRoleAsync(m.Id, role, Me), $"{m.Email} is now {role}.");
        await ReloadAsync();
    }

    private async Task ToggleDisabledAsync(TeamMember m)
    {
        Report(await Members.SetDisabledAsync(m.Id, !m.IsDisabled, Me),
            $"{m.Email} is {(m.IsDisabled ? "enabled" : "disabled")}.");
        await ReloadAsync();
    }

    private async Task RemoveAsync(TeamMember m)
    {
        var confirmed = await ConfirmAsync($"Remove {m.Email} from the team? They will be signed out and cannot sign " +
            $"in again.",
            "Remove team member", "Remove");
        if (confirmed != true) return;
        Report(await Members.RemoveAsync(m.Id, Me), $"{m.Email} was removed.");
        await ReloadAsync();
    }

    private sealed class InviteInput
    {
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = Roles.Staff;
    }
}
