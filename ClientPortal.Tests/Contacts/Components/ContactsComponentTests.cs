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
    /// <summary>Sixty learners and Zoë (tagged vip), the offer "Starter: Photography", and the page.</summary>
    private async Task<(IRenderedComponent<MudPopoverProvider>, IRenderedComponent<Admin.Contacts>, long Offer)>
        SixtyOneAsync()
    {
        var directory = Get<ContactDirectory>();
        for (var i = 0; i < 60; i++)
            await directory.CreateAsync(new ContactDetails($"learner{i:D2}@example.com", $"Learner {i}", null, null),
                Seed.Admin);
        await directory.CreateAsync(new ContactDetails("zoe@example.com", "Zoë", "Ng", null, ["vip"]), Seed.Admin);
        var product = (await Get<CatalogProducts>().CreateProductAsync(new ProductDetails("Photography Foundations",
            null, ProductKind.Course, null), Seed.Admin)).Value;
        var offer = (await Get<CatalogOffers>().SaveOfferAsync(null, "Starter: Photography", null, [product],
            Seed.Admin)).Value;
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<Admin.Contacts>();
        cut.WaitForAssertion(() => Assert.Equal(50, Rows(cut).Count), Patience);
        return (popovers, cut, offer);
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<Admin.Contacts> cut) =>
        cut.FindAll("[data-testid=contacts-grid] tbody tr.mud-table-row");

    private static async Task PickAsync(IRenderedComponent<MudPopoverProvider> popovers,
        IRenderedComponent<Admin.Contacts> cut, string input, string typed)
    {
        await cut.Find(input).InputAsync(new() { Value = typed });
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll(".mud-popover-open .mud-list-item")), Patience);
        await popovers.Find(".mud-popover-open .mud-list-item").ClickAsync(new());
    }

    private static async Task<AngleSharp.Dom.IElement> SearchAsync(IRenderedComponent<Admin.Contacts> cut,
        string text)
    {
        await cut.Find("#contact-search").InputAsync(new() { Value = text });
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)), Patience);
        return Rows(cut).Single();
    }

    [Fact]
    public async Task The_grid_shows_a_page_of_fifty_and_says_how_many_results_there_are()
    {
        var (_, cut, _) = await SixtyOneAsync();
        Assert.Contains("Send a login email to all 61 results", cut.Markup);
    }

    [Fact]
    public async Task A_search_finds_a_contact_whose_status_reads_in_words()
    {
        var (_, cut, _) = await SixtyOneAsync();
        var row = await SearchAsync(cut, "zoe");
        Assert.Contains("zoe@example.com", row.TextContent);
        Assert.Contains("Not invited", row.TextContent); // words, not the enum's name
        Assert.DoesNotContain("bulk-bar", cut.Markup);
    }

    [Fact]
    public async Task A_selection_brings_the_bulk_bar_which_grants_an_offer_found_by_typing()
    {
        var (popovers, cut, offer) = await SixtyOneAsync();
        var row = await SearchAsync(cut, "zoe");
        await row.QuerySelector("input[type=checkbox]")!.ChangeAsync(new() { Value = true });
        cut.WaitForAssertion(() => Assert.Contains("1 selected", cut.Find("[data-testid=bulk-bar]").TextContent),
            Patience);

        await PickAsync(popovers, cut, "#bulk-offer", "photo");
        cut.WaitForAssertion(() => Assert.False(GrantButton(cut).HasAttribute("disabled")), Patience);
        await GrantButton(cut).ClickAsync(new());
        var zoe = (await Get<ContactDirectory>().FindByEmailAsync("zoe@example.com"))!.Id;
        cut.WaitForAssertion(() =>
            Assert.Contains(offer, Get<AccessGrants>().ActiveOfferIdsAsync(zoe).GetAwaiter().GetResult()), Patience);
    }

    [Fact]
    public async Task The_offer_held_filter_shows_only_its_holders()
    {
        var (popovers, cut, offer) = await SixtyOneAsync();
        var zoe = (await Get<ContactDirectory>().FindByEmailAsync("zoe@example.com"))!.Id;
        Assert.True((await Get<AccessGrants>().GrantAsync(zoe, offer, null, Seed.Admin)).Succeeded);

        await PickAsync(popovers, cut, "#filter-offer", "starter");
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)), Patience);
        Assert.Contains("zoe@example.com", Rows(cut).Single().TextContent);
    }

    [Fact]
    public async Task A_contact_added_from_the_panel_joins_the_list()
    {
        await Get<ContactDirectory>().CreateAsync(new ContactDetails("ada@example.com", "Ada", null, null), Seed.Admin);
        Render<MudPopoverProvider>();
        var cut = Render<Admin.Contacts>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)), Patience);

        await cut.Find("[data-testid=add-contact]").ClickAsync(new());
        await cut.Find("#new-contact-email").InputAsync(new() { Value = "bea@example.com" });
        await cut.Find("[data-testid=new-contact-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count), Patience);
        Assert.Contains("bea@example.com", cut.Markup);
        // The panel is empty again for the next one.
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("#new-contact-email").GetAttribute("value") ?? ""),
            Patience);
    }

    [Fact]
    public async Task A_tag_given_in_bulk_can_be_filtered_by_at_once()
    {
        foreach (var email in new[] { "ada@example.com", "bea@example.com" })
            await Get<ContactDirectory>().CreateAsync(new ContactDetails(email, null, null, null), Seed.Admin);
        Render<MudPopoverProvider>();
        var cut = Render<Admin.Contacts>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count), Patience);

        // Tagged from the bulk bar, the new tag is one the filter offers without reloading the page.
        await Rows(cut).Single(r => r.TextContent.Contains("bea@example.com")).QuerySelector("input[type=checkbox]")!
            .ChangeAsync(new() { Value = true });
        cut.WaitForAssertion(() => cut.Find("[data-testid=bulk-bar]"), Patience);
        var bar = cut.FindComponent<ContactBulkBar>();
        await bar.InvokeAsync(() => bar.FindComponent<TagPicker>().Instance.ValueChanged.InvokeAsync("cohort-7"));
        await bar.FindAll("button").Single(b => b.TextContent.Trim() == "Add tag").ClickAsync(new());
        var filter = cut.FindComponent<ContactFilterPanel>();
        cut.WaitForAssertion(() => Assert.Contains("cohort-7", filter.FindComponent<TagPicker>().Instance.Tags),
            Patience);
        await filter.InvokeAsync(() => filter.FindComponent<TagPicker>().Instance.ValueChanged.InvokeAsync("cohort-7"));
        cut.WaitForAssertion(() => Assert.Contains("bea@example.com", Assert.Single(Rows(cut)).TextContent),
            Patience);
    }

    private static AngleSharp.Dom.IElement GrantButton(IRenderedComponent<Admin.Contacts> cut) =>
        cut.Find("[data-testid=bulk-bar]").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Grant");
}
