using ClientPortal.App.Endpoints;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

/// <summary>A bulk send started in the background: its job (none when nobody was left to send to), and who was
/// skipped, in words.</summary>
public sealed record BulkSendStarted(Guid? JobId, string? Skipped);

public partial class Contacts
{
    private MudDataGrid<ContactRow> grid = default!;
    private IReadOnlyList<ContactRow> rows = [];
    private int total;
    private bool busy;
    private int version;
    private ContactQuery query = new();
    private readonly HashSet<long> selected = [];
    /// <summary>The add-contact panel is open; kept, with what is typed in it, across a reconnect to a paused circuit.
    /// </summary>
    [PersistentState] public bool AddOpen { get; set; }
    private Guid? jobId;
    private string? inviteSummary;

    [SupplyParameterFromQuery(Name = "status")] private string? StatusParam { get; set; }
    [SupplyParameterFromQuery(Name = "tag")] private string? TagParam { get; set; }
    [SupplyParameterFromQuery(Name = "offer")] private string? OfferParam { get; set; }
    [SupplyParameterFromQuery(Name = "search")] private string? SearchParam { get; set; }

    private bool AllOnPageSelected => rows is { Count: > 0 } && rows.All(r => selected.Contains(r.Id));

    protected override Task LoadAsync()
    {
        query = ContactQueryString.Parse(SearchParam, StatusParam, TagParam, OfferParam) with { Take = 50 };
        return Task.CompletedTask;
    }

    /// <summary>One page from SQL: the grid's page, size and sort column become the directory's query.</summary>
    private async Task<GridData<ContactRow>> LoadServerDataAsync(GridState<ContactRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        query = query with
        {
            Skip = state.Page * state.PageSize,
            Take = state.PageSize,
            Sort = sort?.SortBy switch
            {
                nameof(ContactRow.Email) => ContactSort.Email,
                nameof(ContactRow.Name) => ContactSort.Name,
                nameof(ContactRow.Status) => ContactSort.Status,
                nameof(ContactRow.LastAccessAt) => ContactSort.LastAccess,
                _ => ContactSort.Created,
            },
            Descending = sort?.Descending ?? true,
        };
        var page = await Directory.SearchAsync(query, ct);
        rows = page.Items;
        total = page.Total;
        StateHasChanged(); // the page shows the total and the page's selection too, not only the grid
        return new GridData<ContactRow> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task ApplyFilterAsync(ContactQuery filter)
    {
        query = filter;
        await grid.ReloadServerData();
    }

    /// <summary>A panel changed contacts (added one, granted, tagged, imported): the list and the panels read
    /// again.</summary>
    private async Task ChangedAsync()
    {
        version++;
        await grid.ReloadServerData();
    }

    private void Toggle(long id, bool on)
    {
        if (on) selected.Add(id); else selected.Remove(id);
    }

    private void SelectPage(bool on)
    {
        foreach (var r in rows) Toggle(r.Id, on);
    }

    private void SendStarted(BulkSendStarted started) => (jobId, inviteSummary) = (started.JobId, started.Skipped);

    private async Task OpenImportAsync()
    {
        var dialog = await DialogService.ShowAsync<ImportContactsDialog>("Import contacts from CSV",
            new DialogOptions { MaxWidth = MaxWidth.Medium });
        await dialog.Result;
        await ChangedAsync();
    }

    private async Task SendToAllResultsAsync()
    {
        if (await ConfirmAsync($"Send a login email to all {Plural.Of(total, "contact")} matching the current filter?",
            "Send login emails", "Send", destructive: false) != true) return;
        busy = true;
        try
        {
            SendStarted(new BulkSendStarted(await Sends.StartLoginEmailsAsync(
                await Directory.IdsAsync(query with { Skip = 0 }), Me), null));
        }
        finally
        {
            busy = false;
        }
    }
}
