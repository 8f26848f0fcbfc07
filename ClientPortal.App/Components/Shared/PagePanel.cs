using Microsoft.AspNetCore.Components;

namespace ClientPortal.App.Components.Shared;

/// <summary>
/// One panel of a page made of panels (the contact card, the product editor, the contacts list): it loads its own
/// data, tells the page when it changed something (<see cref="Changed"/>), and reads again when the page says another
/// panel did (<see cref="Version"/>).
/// </summary>
public abstract class PagePanel : AdminPage
{
    /// <summary>Bumped by the page after any change: the panel reads its data again.</summary>
    [Parameter] public int Version { get; set; }

    /// <summary>This panel changed something; the page bumps <see cref="Version"/> so every panel reads
    /// again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>The record the panel shows; a new one is read at once. None on a page about many records.</summary>
    protected virtual long RecordId => 0;

    private (long Record, int Version)? _loaded;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (RecordId, Version)) return;
        _loaded = (RecordId, Version);
        await ReloadAsync();
    }

    /// <summary>Reads the panel's data (at first, and whenever something changed).</summary>
    protected abstract Task ReloadAsync();

    /// <summary>After this panel's own change: the page has every panel read again (this one included).</summary>
    protected async Task ChangedAsync()
    {
        if (Changed.HasDelegate) await Changed.InvokeAsync();
        else await ReloadAsync();
    }
}

/// <summary>A panel of the contact card.</summary>
public abstract class ContactPanel : PagePanel
{
    [Parameter, EditorRequired] public long ContactId { get; set; }

    protected override long RecordId => ContactId;
}

/// <summary>A panel of the product editor.</summary>
public abstract class ProductPanel : PagePanel
{
    [Parameter, EditorRequired] public long ProductId { get; set; }

    protected override long RecordId => ProductId;
}
