using ClientPortal.App.Identity;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ClientPortal.App.Components.Shared;

/// <summary>What every interactive admin page needs: who is acting, and a way to report a domain outcome.</summary>
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected IDialogService DialogService { get; set; } = default!;

    /// <summary>The portal's name and time zone, for what the page writes itself (times, headings).</summary>
    [CascadingParameter] protected PortalBrand Brand { get; set; } = PortalBrand.Default;

    protected Actor Me { get; private set; } = Actor.System();
    protected bool CanDelete => Me.Role is Roles.Owner or Roles.Admin;

    protected override async Task OnInitializedAsync()
    {
        Me = (await AuthState).User.ToActor();
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected bool Report(Outcome outcome, string? success = null)
    {
        if (outcome.Succeeded)
        {
            if (success is not null) Snackbar.Add(success, Severity.Success);
            return true;
        }
        Snackbar.Add($"Not changed: {outcome.ErrorText}", Severity.Error, o => o.VisibleStateDuration = 8000);
        return false;
    }

    /// <summary>Asks before an action; true when confirmed. <paramref name="destructive"/> (the default) makes the
    /// action's button red: say in <paramref name="message"/> what goes and for how many.</summary>
    protected async Task<bool?> ConfirmAsync(string message, string title, string ok, bool destructive = true)
    {
        var dialog = await DialogService.ShowAsync<ConfirmDialog>(title, new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message }, { d => d.Ok, ok }, { d => d.Destructive, destructive },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false } ? true : null;
    }
}
