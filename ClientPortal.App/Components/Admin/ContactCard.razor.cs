using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Components;

namespace ClientPortal.App.Components.Admin;

public partial class ContactCard
{
    [Parameter] public long Id { get; set; }

    private Contact? contact;
    private bool notFound;

    /// <summary>Bumped after any change to the contact, so every panel reads its data again.</summary>
    private int version;

    protected override Task LoadAsync() => ReadContactAsync();

    private async Task ReadContactAsync()
    {
        contact = await Directory.GetAsync(Id);
        notFound = contact is null;
    }

    /// <summary>A panel or a dialog changed the contact: the header and every panel read again.</summary>
    private async Task ChangedAsync()
    {
        await ReadContactAsync();
        version++;
    }

    private async Task OpenAsync<TDialog>(string title, bool single = false) where TDialog : ComponentBase
    {
        var parameters = new MudBlazor.DialogParameters { [single ? "ContactId" : "ContactIds"] = single ? Id
            : new[] { Id } };
        await (await DialogService.ShowAsync<TDialog>(title, parameters)).Result;
        await ChangedAsync();
    }

    private async Task DeleteAsync()
    {
        if (await ConfirmAsync($"Delete {contact!.Email}? They lose access to everything; the audit trail is kept.",
            "Delete contact",
                "Delete") != true)
            return;
        if (Report(await Directory.DeleteAsync(Id, Me),
            $"{contact.Email} was deleted.")) Navigation.NavigateTo("/admin/contacts");
    }
}
