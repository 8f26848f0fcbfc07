using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Components.Shared;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using MudBlazor;

using Admin = ClientPortal.App.Components.Admin;
namespace ClientPortal.Tests.Contacts.Components;

public class ContactsComponentTests : PortalComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_grid_pages_from_sql_filters_by_search_and_a_selection_brings_the_bulk_bar()
    {
        var directory = Get<ContactDirectory>();
        for (var i = 0; i < 60; i++)
            await directory.CreateAsync(new ContactDetails($"learner{i:D2}@example.com", $"Learner {i}", null, null),
                Seed.Admin);
        await directory.CreateAsync(new ContactDetails("zoe@example.com", "Zoë", "Ng", null, ["vip"]), Seed.Admin);
        var catalogProducts = Get<CatalogProducts>();
        var catalogOffers = Get<CatalogOffers>();
        var product = (await catalogProducts.CreateProductAsync(new ProductDetails("Photography Foundations", null,
            ProductKind.Course, null), Seed.Admin)).Value;
        var offer = (await catalogOffers.SaveOfferAsync(null, "Starter: Photography", null, [product], Seed.Admin))
            .Value;
        var popovers = Render<MudPopoverProvider>();

        var cut = Render<Admin.Contacts>();
        // One page of 50 rows out of 61, in the words the pager uses.
        cut.WaitForAssertion(() =>
            Assert.Equal(50, cut.FindAll("[data-testid=contacts-grid] tbody tr.mud-table-row").Count), Patience);
        Assert.Contains("Send a login email to all 61 results", cut.Markup);

        await cut.Find("#contact-search").InputAsync(new() { Value = "zoe" });
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=contacts-grid] tbody tr.mud-table-row")),
            Patience);
        var row = cut.Find("[data-testid=contacts-grid] tbody tr.mud-table-row");
        Assert.Contains("zoe@example.com", row.TextContent);
        Assert.Contains("Not invited", row.TextContent); // words, not the enum's name
        Assert.DoesNotContain("bulk-bar", cut.Markup);

        await row.QuerySelector("input[type=checkbox]")!.ChangeAsync(new() { Value = true });
        cut.WaitForAssertion(() => Assert.Contains("1 selected", cut.Find("[data-testid=bulk-bar]").TextContent),
            Patience);

        // The bulk bar's offer is found by typing part of its name, then granted to the selection.
        await cut.Find("#bulk-offer").InputAsync(new() { Value = "photo" });
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll(".mud-popover-open .mud-list-item")), Patience);
        await popovers.Find(".mud-popover-open .mud-list-item").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.False(GrantButton(cut).HasAttribute("disabled")), Patience);
        await GrantButton(cut).ClickAsync(new());
        var zoe = (await directory.FindByEmailAsync("zoe@example.com"))!.Id;
        cut.WaitForAssertion(() =>
            Assert.Contains(offer, Get<AccessGrants>().ActiveOfferIdsAsync(zoe).GetAwaiter().GetResult()), Patience);

        // "Offer held" filters the grid to the holders, picked the same way.
        await cut.Find("#contact-search").InputAsync(new() { Value = "" });
        cut.WaitForAssertion(() =>
            Assert.Equal(50, cut.FindAll("[data-testid=contacts-grid] tbody tr.mud-table-row").Count), Patience);
        await cut.Find("#filter-offer").InputAsync(new() { Value = "starter" });
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll(".mud-popover-open .mud-list-item")), Patience);
        await popovers.Find(".mud-popover-open .mud-list-item").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=contacts-grid] tbody tr.mud-table-row")),
            Patience);
        Assert.Contains("zoe@example.com", cut.Find("[data-testid=contacts-grid] tbody tr.mud-table-row").TextContent);
    }

    [Fact]
    public async Task A_contact_added_joins_the_list_and_a_tag_given_in_bulk_can_be_filtered_by_at_once()
    {
        await Get<ContactDirectory>().CreateAsync(new ContactDetails("ada@example.com", "Ada", null, null), Seed.Admin);
        Render<MudPopoverProvider>();
        var cut = Render<Admin.Contacts>();
        IReadOnlyList<AngleSharp.Dom.IElement> Rows() =>
            cut.FindAll("[data-testid=contacts-grid] tbody tr.mud-table-row");
        cut.WaitForAssertion(() => Assert.Single(Rows()), Patience);

        await cut.Find("[data-testid=add-contact]").ClickAsync(new());
        await cut.Find("#new-contact-email").ChangeAsync(new() { Value = "bea@example.com" });
        await cut.Find("[data-testid=new-contact-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(2, Rows().Count), Patience);
        Assert.Contains("bea@example.com", cut.Markup);

        // Tagged from the bulk bar, the new tag is one the filter offers without reloading the page.
        await Rows().Single(r => r.TextContent.Contains("bea@example.com")).QuerySelector("input[type=checkbox]")!
            .ChangeAsync(new() { Value = true });
        cut.WaitForAssertion(() => cut.Find("[data-testid=bulk-bar]"), Patience);
        var bar = cut.FindComponent<ContactBulkBar>();
        await bar.InvokeAsync(() => bar.FindComponent<TagPicker>().Instance.ValueChanged.InvokeAsync("cohort-7"));
        await bar.FindAll("button").Single(b => b.TextContent.Trim() == "Add tag").ClickAsync(new());
        var filter = cut.FindComponent<ContactFilterPanel>();
        cut.WaitForAssertion(() => Assert.Contains("cohort-7", filter.FindComponent<TagPicker>().Instance.Tags),
            Patience);
        await filter.InvokeAsync(() => filter.FindComponent<TagPicker>().Instance.ValueChanged.InvokeAsync("cohort-7"));
        cut.WaitForAssertion(() => Assert.Contains("bea@example.com", Assert.Single(Rows()).TextContent), Patience);
    }

    private static AngleSharp.Dom.IElement GrantButton(IRenderedComponent<Admin.Contacts> cut) =>
        cut.Find("[data-testid=bulk-bar]").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Grant");
}
