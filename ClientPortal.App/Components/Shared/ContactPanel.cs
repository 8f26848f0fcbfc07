using Microsoft.AspNetCore.Components;

namespace ClientPortal.App.Components.Shared;

/// <summary>
/// One panel of the contact card: it loads its own data, tells the card when it changed the contact
/// (<see cref="Changed"/>), and reads again when the card says another panel did (<see cref="Version"/>).
/// </summary>
public abstract class ContactPanel : AdminPage
{
    [Parameter, EditorRequired] public long ContactId { get; set; }

    /// <summary>Bumped by the card after any change to the contact: the panel reads its data again.</summary>
    [Parameter] public int Version { get; set; }

    /// <summary>This panel changed the contact; the card bumps <see cref="Version"/> so every panel reads
    /// again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private (long Contact, int Version)? _loaded;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (ContactId, Version)) return;
        _loaded = (ContactId, Version);
        await ReloadAsync();
    }

    /// <summary>Reads the panel's data (at first, and whenever the contact changed).</summary>
    protected abstract Task ReloadAsync();

    /// <summary>After this panel's own change: the card has every panel read again (this one included).</summary>
    protected async Task ChangedAsync()
    {
        if (Changed.HasDelegate) await Changed.InvokeAsync();
        else await ReloadAsync();
    }
}
