using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Catalog.Components;

/// <summary>An offer with grant history is archived, not refused: the question says how many hold it, its button is
/// red, holders keep access, and no one new is granted it until it is restored.</summary>
public class OfferArchiveComponentTests : PortalComponentTest
{
    [Fact]
    public async Task Deleting_a_granted_offer_names_its_holders_and_archives_it_after_a_red_confirmation()
    {
        var product = (await Get<CatalogProducts>().CreateProductAsync(new ProductDetails("Photography Foundations",
            null, ProductKind.Course, null), Seed.Admin)).Value;
        var offer = (await Get<CatalogOffers>().SaveOfferAsync(null, "Starter", null, [product], Seed.Admin)).Value;
        var unused = (await Get<CatalogOffers>().SaveOfferAsync(null, "Unused", null, [product], Seed.Admin)).Value;
        var contacts = new List<long>();
        foreach (var email in new[] { "pat@example.com", "sam@example.com", "kim@example.com" })
            contacts.Add((await Get<ContactDirectory>().CreateAsync(new ContactDetails(email, null, null, null),
                Seed.Admin)).Value!.Id);
        var access = Get<AccessGrants>();
        Assert.True((await access.GrantAsync(contacts[0], offer, null, Seed.Admin)).Succeeded);
        Assert.True((await access.GrantAsync(contacts[1], offer, null, Seed.Admin)).Succeeded);

        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Offers>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=offer-delete]").Count), Patience);
        Assert.Equal(["Archive", "Delete"],
            cut.FindAll("[data-testid=offer-delete]").Select(b => b.TextContent.Trim()));

        var asking = cut.FindAll("[data-testid=offer-delete]")[0].ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("2 people hold it now", dialogs.Markup), Patience);
        var ok = dialogs.Find("[data-testid=confirm-ok]");
        Assert.Equal("Archive", ok.TextContent.Trim());
        Assert.Contains("mud-button-filled-error", ok.ClassName); // red: something is taken away
        await ok.ClickAsync(new());
        await asking.WaitAsync(Patience);
        cut.WaitForAssertion(() => cut.Find("[data-testid=offer-archived]"), Patience);

        // Holders keep it; no one new gets it, wherever a grant comes from, until it is restored.
        Assert.Contains(offer, await access.ActiveOfferIdsAsync(contacts[0]));
        var refused = await access.GrantAsync(contacts[2], offer, null, Seed.Admin);
        Assert.Equal(["“Starter” is archived: restore it on the Offers page to grant it."], refused.Errors);
        Assert.False((await Get<CatalogOffers>().DeleteOfferAsync(offer, Seed.Admin)).Succeeded);

        await cut.Find("[data-testid=offer-restore]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=offer-archived]")), Patience);
        Assert.True((await access.GrantAsync(contacts[2], offer, null, Seed.Admin)).Succeeded);

        // An offer no one was given is simply deleted, after saying so.
        asking = cut.FindAll("[data-testid=offer-delete]")[1].ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("No one has been granted it.", dialogs.Markup), Patience);
        await dialogs.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await asking.WaitAsync(Patience);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=offer-delete]")), Patience);
        Assert.DoesNotContain(await Get<CatalogOffers>().OffersAsync(), o => o.Id == unused);
    }
}
