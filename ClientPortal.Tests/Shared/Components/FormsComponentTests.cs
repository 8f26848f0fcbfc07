using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Shared.Components;

/// <summary>Forms put the domain's answers beside the fields they are about; pickers find products by typing.</summary>
public class FormsComponentTests : PortalComponentTest
{
    private async Task<(IRenderedComponent<MudPopoverProvider>, IRenderedComponent<Offers>)> OfferFormAsync()
    {
        foreach (var title in new[] { "Photography Foundations", "Lightroom Basics" })
            await Get<CatalogProducts>().CreateProductAsync(new ProductDetails(title, null, ProductKind.Course, null),
                Seed.Admin);
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<Offers>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=offer-add-product]"), Patience);
        return (popovers, cut);
    }

    private static async Task PickAsync(IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<Offers> cut,
        string typed)
    {
        await cut.Find("#offer-add-product").InputAsync(new() { Value = typed });
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll(".mud-popover-open .mud-list-item")), Patience);
        await popovers.Find(".mud-popover-open .mud-list-item").ClickAsync(new());
    }

    [Fact]
    public async Task An_offer_form_shows_each_problem_beside_its_field()
    {
        var catalogOffers = Get<CatalogOffers>();
        var (popovers, cut) = await OfferFormAsync();

        // Empty: the name's message under the name, the products' under the products, nothing repeated above the
        // button.
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("An offer needs a name.", NameField(cut).TextContent), Patience);
        Assert.Contains("An offer must include at least one product.",
            cut.Find("[data-testid=offer-products] .validation-message").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=form-errors]"));
        Assert.Empty(await catalogOffers.OffersAsync());

        // Typing a name clears its message.
        await cut.Find("#offer-name").ChangeAsync(new() { Value = "Starter" });
        cut.WaitForAssertion(() => Assert.DoesNotContain("An offer needs a name.", NameField(cut).TextContent),
            Patience);

        // A name already taken is the name's problem.
        await PickAsync(popovers, cut, "light");
        await catalogOffers.SaveOfferAsync(null, "Starter", null,
            [(await Get<CatalogProducts>().ProductsAsync())[0].Id], Seed.Admin);
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() =>
            Assert.Contains("An offer named “Starter” already exists.", NameField(cut).TextContent), Patience);
        Assert.Empty(cut.FindAll("[data-testid=offer-products] .validation-message"));
    }

    [Fact]
    public async Task An_offer_form_finds_a_product_by_part_of_its_name()
    {
        var (popovers, cut) = await OfferFormAsync();
        await PickAsync(popovers, cut, "light");
        cut.WaitForAssertion(() =>
            Assert.Contains("Lightroom Basics", cut.Find("[data-testid=offer-products] .mud-chip").TextContent),
            Patience);

        await cut.Find("#offer-name").ChangeAsync(new() { Value = "Lightroom only" });
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Lightroom only", cut.Find("[data-testid=offers-grid]").TextContent),
            Patience);
        var saved = (await Get<CatalogOffers>().OffersAsync()).Single(o => o.Name == "Lightroom only");
        Assert.Equal(["Lightroom Basics"], saved.Products.Select(p => p.Title));
    }

    [Fact]
    public async Task Settings_show_a_bad_value_beside_its_field_changing_nothing()
    {
        var popovers = Render<MudPopoverProvider>();
        SignInAs(Roles.Owner);
        var cut = Render<ClientPortal.App.Components.Admin.Settings>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=save-settings]"), Patience);
        var before = await Get<PortalSettingsStore>().GetAsync();

        AngleSharp.Dom.IElement Support() =>
            cut.FindAll(".mud-input-control").First(c => c.TextContent.Contains("Support email"));
        await Support().QuerySelector("input")!.ChangeAsync(new() { Value = "help@" });
        await cut.Find("[data-testid=save-settings]").ClickAsync(new());
        Assert.False(ClientPortal.Domain.Contacts.ContactEmail.IsValid("help@", out var problem));
        cut.WaitForAssertion(() => Assert.Contains(problem, Support().TextContent), Patience);
        Assert.Equal(before.SupportEmail, (await Get<PortalSettingsStore>().GetAsync()).SupportEmail);
        _ = popovers;
    }

    private static AngleSharp.Dom.IElement NameField(IRenderedComponent<Offers> cut) =>
        cut.Find("#offer-name").Closest(".mud-input-control")!;
}
