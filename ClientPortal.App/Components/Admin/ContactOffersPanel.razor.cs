using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class ContactOffersPanel
{
    /// <summary>Who the question and the notices name.</summary>
    [Microsoft.AspNetCore.Components.Parameter, Microsoft.AspNetCore.Components.EditorRequired]
    public string ContactEmail { get; set; } = "";

    private IReadOnlyList<OfferSummary> offers = [];
    private IEnumerable<long> heldOfferIds = [];
    private IReadOnlyList<VisibleProduct> visible = [];
    private bool changingOffers;
    private int offerGrants;

    protected override async Task ReloadAsync()
    {
        if (offers.Count == 0) offers = await OfferCatalog.OffersAsync();
        heldOfferIds = await Access.ActiveOfferIdsAsync(ContactId);
        visible = await Access.VisibleProductsAsync(ContactId);
    }

    private async Task GrantOfferAsync(long? offerId)
    {
        if (offerId is not { } id) return;
        offerGrants++;
        changingOffers = true;
        try
        {
            Report(await Access.GrantAsync(ContactId, id, null, Me), $"Granted “{OfferName(id)}”.");
        }
        finally
        {
            changingOffers = false;
        }
        await ChangedAsync();
    }

    /// <summary>Revoking takes access away at the learner's next click: it asks first, and the notice offers an
    /// undo.</summary>
    private async Task RevokeChipAsync(MudChip<long> chip)
    {
        var id = chip.Value;
        if (await ConfirmAsync($"Revoke “{OfferName(id)}” from {ContactEmail}? They lose its products on their next " +
            $"click.",
                "Revoke offer", "Revoke") != true)
            return;
        changingOffers = true;
        try
        {
            var outcome = await Access.RevokeAsync(ContactId, id, Me);
            if (outcome.Succeeded)
                Snackbar.Add($"Revoked “{OfferName(id)}”.", Severity.Success, o =>
                {
                    o.Action = "Undo";
                    o.ActionColor = Color.Primary;
                    o.OnClick = _ => InvokeAsync(() => GrantOfferAsync(id));
                });
            else Report(outcome);
        }
        finally
        {
            changingOffers = false;
        }
        await ChangedAsync();
    }

    private string OfferName(long id) => offers.FirstOrDefault(o => o.Id == id)?.Name ?? "this offer";
}
