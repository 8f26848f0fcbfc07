using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class ContactBulkBar
{
    /// <summary>The contacts ticked in the list (the page's set: the bar reads it when it renders).</summary>
    [Parameter, EditorRequired] public IReadOnlyCollection<long> Selected { get; set; } = [];

    [Parameter] public EventCallback Cleared { get; set; }

    /// <summary>A send started in the background: its job, and who was skipped, in words.</summary>
    [Parameter] public EventCallback<BulkSendStarted> Started { get; set; }

    private IReadOnlyList<string> tags = [];
    private IReadOnlyList<OfferSummary> offers = [];
    private long? offer;
    private string tag = "";
    private bool busy;

    protected override async Task ReloadAsync()
    {
        tags = await Directory.AllTagsAsync();
        offers = await OfferCatalog.OffersAsync();
    }

    /// <summary>Runs one bulk change with the buttons off, then has the page read again.</summary>
    private async Task BusyAsync(Func<Task> work)
    {
        busy = true;
        try
        {
            await work();
        }
        finally
        {
            busy = false;
        }
    }

    private Task GrantAsync() => BusyAsync(async () =>
    {
        var result = await Access.GrantManyAsync(Selected.Select(id => (id, offer!.Value, (DateTime?)null)).ToList(),
            Me);
        Snackbar.Add(($"Granted to {result.Changed}; {result.Unchanged} already held it. "
            + string.Join(" ", result.Errors.Take(5))).TrimEnd(),
            result.Errors.Count == 0 ? Severity.Success : Severity.Warning);
        await ChangedAsync();
    });

    private async Task RevokeAsync()
    {
        var name = offers.First(o => o.Id == offer).Name;
        if (await ConfirmAsync($"Revoke “{name}” from {Plural.Of(Selected.Count, "contact")}? They lose its "
            + "products on their next click.", "Revoke offer", "Revoke") != true) return;
        await BusyAsync(async () =>
        {
            var result = await Access.RevokeManyAsync(Selected.Select(id => (id, offer!.Value)).ToList(), Me);
            Snackbar.Add($"Revoked from {result.Changed}; {result.Unchanged} did not hold it.", Severity.Success);
            await ChangedAsync();
        });
    }

    private Task TagAsync(bool add) => BusyAsync(async () =>
    {
        var changed = await Directory.TagAsync(Selected.ToList(), tag, add, Me);
        Snackbar.Add(add ? $"Tagged {Plural.Of(changed, "contact")}."
            : $"Removed the tag from {Plural.Of(changed, "contact")}.", Severity.Success);
        await ChangedAsync();
    });

    private Task InviteAsync() => BusyAsync(async () =>
    {
        var plan = await Sends.StartInviteAsync(Selected.ToList(), null, Me);
        var skipped = plan.AlreadyActive;
        await Started.InvokeAsync(new BulkSendStarted(plan.JobId, skipped.Count == 0 ? null
            : $"Skipped {skipped.Count} already active: {string.Join(", ", skipped.Take(10))}"
            + (skipped.Count > 10 ? "…" : "")));
        if (plan.JobId is null) Snackbar.Add("Nobody to invite: every selected contact is already active.",
            Severity.Info);
    });

    private Task SendLoginEmailsAsync() => BusyAsync(async () =>
        await Started.InvokeAsync(new BulkSendStarted(await Sends.StartLoginEmailsAsync(Selected, Me), null)));
}
