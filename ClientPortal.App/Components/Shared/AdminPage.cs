using ClientPortal.App.Identity;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace ClientPortal.App.Components.Shared;

/// <summary>What every interactive admin page needs: who is acting, and a way to report a domain outcome.</summary>
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] protected NotificationService Notifications { get; set; } = default!;
    [Inject] protected DialogService Dialogs { get; set; } = default!;

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
            if (success is not null) Notifications.Notify(NotificationSeverity.Success, success, duration: 4000);
            return true;
        }
        Notifications.Notify(NotificationSeverity.Error, "Not changed", outcome.ErrorText, duration: 8000);
        return false;
    }

    protected Task<bool?> ConfirmAsync(string message, string title, string ok) =>
        Dialogs.Confirm(message, title, new ConfirmOptions { OkButtonText = ok, CancelButtonText = "Cancel" });
}
