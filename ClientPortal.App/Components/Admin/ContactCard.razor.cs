using ClientPortal.App.Components;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class ContactCard
{
    [Parameter] public long Id { get; set; }

    private Contact? contact;
    private bool notFound;
    private IReadOnlyList<OfferSummary> offers = [];
    private IReadOnlyList<ProductSummary> products = [];
    private IEnumerable<long> heldOfferIds = [];
    private IReadOnlyList<VisibleProduct> visible = [];
    private IReadOnlyList<GrantRow> grants = [];
    private IReadOnlyList<AuditEvent> audit = [];
    private bool changingOffers;
    private long? explainProduct;
    private AccessExplanation? explanation;
    private ContactEdit edit = new();
    private IReadOnlyList<LinkRow> links = [];

    private Outcome? editOutcome;

    protected override async Task LoadAsync()
    {
        offers = await OfferCatalog.OffersAsync();
        products = await ProductCatalog.ProductsAsync();
        await RefreshAsync();
    }

    private async Task RefreshLinksAsync() => links = await LinkQueries.ForContactAsync(Id);

    private async Task OpenAsync<TDialog>(string title, bool single = false) where TDialog : ComponentBase
    {
        var parameters = new MudBlazor.DialogParameters { [single ? "ContactId" : "ContactIds"] = single ? Id : new[] { Id } };
        await (await DialogService.ShowAsync<TDialog>(title, parameters)).Result;
        await RefreshAsync();
    }

    private async Task RegenerateAsync()
    {
        if (await ConfirmAsync("Revoke every link of this contact that still works? Links already sent stop working; send a login email for a fresh one.",
                "Revoke all links", "Revoke all") != true) return;
        var killed = await Links.RevokeAllForContactAsync(Id, Me);
        Snackbar.Add(killed == 0 ? "No link was still working." : $"{Plural.Of(killed, "link")} revoked.", Severity.Success);
        await RefreshLinksAsync();
    }

    private async Task RevokeLinkAsync(long linkId)
    {
        Report(await Links.RevokeAsync(linkId, Me), "Link revoked.");
        await RefreshLinksAsync();
    }

    private static string LifecycleDetail(LinkRow l) =>
        string.Join(" · ", new[]
        {
            $"made {l.CreatedAt:d MMM yyyy, HH:mm} UTC by {l.CreatedBy}",
            l.DeliveredAt is { } d ? $"delivered {d:d MMM, HH:mm}" : null,
            l.OpenedAt is { } o ? $"opened {o:d MMM, HH:mm}" : null,
            l.ConsumedAt is { } c ? $"used {c:d MMM, HH:mm}" : null,
            l.RevokedAt is { } r ? $"revoked {r:d MMM, HH:mm}" : null,
        }.Where(x => x is not null));

    private async Task RefreshAsync()
    {
        contact = await Directory.GetAsync(Id);
        notFound = contact is null;
        if (contact is null) return;
        edit = new ContactEdit
        {
            Email = contact.Email,
            FirstName = contact.FirstName,
            LastName = contact.LastName,
            Phone = contact.Phone,
            Tags = string.Join(", ", contact.Tags.Select(t => t.Tag).Order()),
        };
        await RefreshAccessAsync();
        await RefreshLinksAsync();
        audit = (await Audit.SearchAsync(Id, null, 0, 50)).Items;
    }

    private async Task RefreshAccessAsync()
    {
        heldOfferIds = await Access.ActiveOfferIdsAsync(Id);
        visible = await Access.VisibleProductsAsync(Id);
        grants = await Access.GrantsOfAsync(Id);
    }

    private int offerGrants;

    private async Task GrantOfferAsync(long? offerId)
    {
        if (offerId is not { } id) return;
        offerGrants++;
        changingOffers = true;
        Report(await Access.GrantAsync(Id, id, null, Me), $"Granted “{OfferName(id)}”.");
        changingOffers = false;
        await AfterOffersChangedAsync();
    }

    /// <summary>Revoking takes access away at the learner's next click: it asks first, and the notice offers an undo.</summary>
    private async Task RevokeChipAsync(MudChip<long> chip)
    {
        var id = chip.Value;
        if (await ConfirmAsync($"Revoke “{OfferName(id)}” from {contact!.Email}? They lose its products on their next click.", "Revoke offer", "Revoke") != true)
            return;
        changingOffers = true;
        var outcome = await Access.RevokeAsync(Id, id, Me);
        changingOffers = false;
        if (outcome.Succeeded)
            Snackbar.Add($"Revoked “{OfferName(id)}”.", Severity.Success, o =>
            {
                o.Action = "Undo";
                o.ActionColor = Color.Primary;
                o.OnClick = _ => InvokeAsync(() => GrantOfferAsync(id));
            });
        else Report(outcome);
        await AfterOffersChangedAsync();
    }

    private async Task AfterOffersChangedAsync()
    {
        await RefreshAccessAsync();
        audit = (await Audit.SearchAsync(Id, null, 0, 50)).Items;
        if (explainProduct is not null) await ExplainAsync();
        StateHasChanged();
    }

    private string OfferName(long id) => offers.FirstOrDefault(o => o.Id == id)?.Name ?? $"offer #{id}";

    private async Task ExplainAsync() => explanation = await Explainer.ExplainAsync(Id, explainProduct!.Value);

    private async Task SaveAsync()
    {
        var tags = edit.Tags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];
        var outcome = await Directory.UpdateAsync(Id, new ContactDetails(edit.Email, edit.FirstName, edit.LastName, edit.Phone, tags), Me);
        editOutcome = outcome;
        if (!outcome.Succeeded) return;
        Snackbar.Add("Details saved.", Severity.Success);
        await RefreshAsync();
    }

    private async Task DeleteAsync()
    {
        if (await ConfirmAsync($"Delete {contact!.Email}? They lose access to everything; the audit trail is kept.", "Delete contact", "Delete") != true)
            return;
        if (Report(await Directory.DeleteAsync(Id, Me), $"{contact.Email} was deleted.")) Navigation.NavigateTo("/admin/contacts");
    }

    private sealed class ContactEdit
    {
        public string Email { get; set; } = "";
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Phone { get; set; }
        public string? Tags { get; set; }
    }
}
