using ClientPortal.App.Components;
using ClientPortal.App.Endpoints;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class Contacts
{
    private MudDataGrid<ContactRow> grid = default!;
    private IReadOnlyList<ContactRow> rows = [];
    private int total;
    private bool busy;
    private ContactQuery query = new();
    private readonly HashSet<long> selected = [];
    private IReadOnlyList<string> tags = [];
    private IReadOnlyList<OfferSummary> offers = [];
    private long? bulkOffer;
    private string bulkTag = "";
    private bool showAdd;
    private NewContact newContact = new();
    private Outcome? addOutcome;

    [SupplyParameterFromQuery(Name = "status")] private string? StatusParam { get; set; }
    [SupplyParameterFromQuery(Name = "tag")] private string? TagParam { get; set; }
    [SupplyParameterFromQuery(Name = "offer")] private string? OfferParam { get; set; }
    [SupplyParameterFromQuery(Name = "search")] private string? SearchParam { get; set; }

    private bool AllOnPageSelected => rows is { Count: > 0 } && rows.All(r => selected.Contains(r.Id));

    protected override async Task LoadAsync()
    {
        query = ContactQueryString.Parse(SearchParam, StatusParam, TagParam, OfferParam) with { Take = 50 };
        tags = await Directory.AllTagsAsync();
        offers = await OfferCatalog.OffersAsync();
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
        query = filter with { Skip = 0 };
        await grid.ReloadServerData();
    }

    private Task SearchAsync(string? text) =>
        ApplyFilterAsync(query with { Search = string.IsNullOrWhiteSpace(text) ? null : text });

    private void Toggle(long id, bool on)
    {
        if (on) selected.Add(id); else selected.Remove(id);
    }

    private void SelectPage(bool on)
    {
        foreach (var r in rows ?? []) Toggle(r.Id, on);
    }

    private async Task AddAsync()
    {
        var outcome = await Directory.CreateAsync(new ContactDetails(newContact.Email, newContact.FirstName,
            newContact.LastName, null), Me);
        addOutcome = outcome;
        if (!outcome.Succeeded) return;
        Snackbar.Add($"{outcome.Value!.Email} added.", MudBlazor.Severity.Success);
        newContact = new();
        await grid.ReloadServerData();
    }

    private async Task BulkGrantAsync()
    {
        busy = true;
        try
        {
            var result = await Access.GrantManyAsync(selected.Select(id => (id, bulkOffer!.Value, (DateTime?)null))
                .ToList(), Me);
            Snackbar.Add($"Granted to {result.Changed}; {result.Unchanged} already held it. {string.Join(" ", result.Errors.Take(5))}".TrimEnd(),
                result.Errors.Count == 0 ? MudBlazor.Severity.Success : MudBlazor.Severity.Warning);
            await grid.ReloadServerData();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task BulkRevokeAsync()
    {
        var offer = offers.First(o => o.Id == bulkOffer);
        if (await ConfirmAsync($"Revoke “{offer.Name}” from {Plural.Of(selected.Count, "contact")}? They lose its products on their next click.",
                "Revoke offer", "Revoke") != true) return;
        busy = true;
        try
        {
            var result = await Access.RevokeManyAsync(selected.Select(id => (id, bulkOffer!.Value)).ToList(), Me);
            Snackbar.Add($"Revoked from {result.Changed}; {result.Unchanged} did not hold it.",
                MudBlazor.Severity.Success);
            await grid.ReloadServerData();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task BulkTagAsync(bool add)
    {
        busy = true;
        try
        {
            var changed = await Directory.TagAsync(selected.ToList(), bulkTag, add, Me);
            Snackbar.Add(add ? $"Tagged {Plural.Of(changed, "contact")}."
                : $"Removed the tag from {Plural.Of(changed, "contact")}.", MudBlazor.Severity.Success);
            tags = await Directory.AllTagsAsync();
            await grid.ReloadServerData();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task OpenImportAsync()
    {
        var dialog = await DialogService.ShowAsync<ImportContactsDialog>("Import contacts from CSV",
            new DialogOptions { MaxWidth = MaxWidth.Medium });
        await dialog.Result;
        tags = await Directory.AllTagsAsync();
        await grid.ReloadServerData();
    }

    private Guid? jobId;
    private string? inviteSummary;

    private async Task InviteSelectedAsync()
    {
        busy = true;
        try
        {
            var plan = await Sends.StartInviteAsync(selected.ToList(), null, Me);
            jobId = plan.JobId;
            inviteSummary = plan.AlreadyActive.Count > 0
                ? $"Skipped {plan.AlreadyActive.Count} already active: {string.Join(", ", plan.AlreadyActive.Take(10))}{(plan.AlreadyActive.Count > 10 ? "…" : "")}" : null;
            if (plan.JobId is null) Snackbar.Add("Nobody to invite: every selected contact is already active.",
                MudBlazor.Severity.Info);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SendLoginEmailsAsync(IReadOnlyCollection<long> ids)
    {
        busy = true;
        try
        {
            jobId = await Sends.StartLoginEmailsAsync(ids, Me);
            inviteSummary = null;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SendToAllResultsAsync()
    {
        if (await ConfirmAsync($"Send a login email to all {Plural.Of(total, "contact")} matching the current filter?",
            "Send login emails", "Send") != true) return;
        await SendLoginEmailsAsync(await Directory.IdsAsync(query with { Skip = 0 }));
    }

    private sealed class NewContact
    {
        public string Email { get; set; } = "";
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
    }
}
