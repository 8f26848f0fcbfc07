using Microsoft.AspNetCore.Components;

namespace ClientPortal.App.Components.Shared;

/// <summary>
/// One panel of a page made of panels (the contact card, the product editor): it loads its own data, tells the page
/// when it changed the record (<see cref="Changed"/>), and reads again when the page says another panel did
/// (<see cref="Version"/>).
/// </summary>
public abstract class RecordPanel : AdminPage
{
    /// <summary>Bumped by the page after any change to the record: the panel reads its data again.</summary>
    [Parameter] public int Version { get; set; }

    /// <summary>This panel changed the record; the page bumps <see cref="Version"/> so every panel reads
    /// again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>The record the panel shows.</summary>
    protected abstract long RecordId { get; }

    private (long Record, int Version)? _loaded;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (RecordId, Version)) return;
        _loaded = (RecordId, Version);
        await ReloadAsync();
    }

    /// <summary>Reads the panel's data (at first, and whenever the record changed).</summary>
    protected abstract Task ReloadAsync();

    /// <summary>After this panel's own change: the page has every panel read again (this one included).</summary>
    protected async Task ChangedAsync()
    {
        if (Changed.HasDelegate) await Changed.InvokeAsync();
        else await ReloadAsync();
    }
}

/// <summary>A panel of the contact card.</summary>
public abstract class ContactPanel : RecordPanel
{
    [Parameter, EditorRequired] public long ContactId { get; set; }

    protected override long RecordId => ContactId;
}

/// <summary>A panel of the product editor.</summary>
public abstract class ProductPanel : RecordPanel
{
    [Parameter, EditorRequired] public long ProductId { get; set; }

    protected override long RecordId => ProductId;
}
