using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Components.Layout;
using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

using Admin = ClientPortal.App.Components.Admin;
namespace ClientPortal.Tests.Security.Components;

/// <summary>Each admin page, through the router's own authorization, for Owner, Admin and Staff; and the actions a role
/// lacks stay hidden.</summary>
public class RoleComponentTests : PortalComponentTest
{
    public static TheoryData<Type, string, bool> Pages()
    {
        var data = new TheoryData<Type, string, bool>();
        (Type Page, string[] Allowed)[] pages =
        [
            (typeof(Admin.Dashboard), [Roles.Owner, Roles.Admin, Roles.Staff]),
            (typeof(Admin.Contacts), [Roles.Owner, Roles.Admin, Roles.Staff]),
            (typeof(Products), [Roles.Owner, Roles.Admin, Roles.Staff]),
            (typeof(Offers), [Roles.Owner, Roles.Admin, Roles.Staff]),
            (typeof(BulkGrants), [Roles.Owner, Roles.Admin, Roles.Staff]),
            (typeof(MailboxPage), [Roles.Owner, Roles.Admin, Roles.Staff]),
            (typeof(Admin.Workflows), [Roles.Owner, Roles.Admin]),
            (typeof(WorkflowRuns), [Roles.Owner, Roles.Admin]),
            (typeof(Templates), [Roles.Owner, Roles.Admin]),
            (typeof(Admin.Team), [Roles.Owner, Roles.Admin]),
            (typeof(Admin.Settings), [Roles.Owner]),
        ];
        foreach (var (page, allowed) in pages)
            foreach (var role in new[] { Roles.Owner, Roles.Admin, Roles.Staff })
                data.Add(page, role, allowed.Contains(role));
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_page_renders_for_the_roles_it_allows_and_refuses_the_others(Type page, string role, bool allowed)
    {
        SignInAs(role);
        // Rendered as the router does, inside the page's own layout (which holds MudBlazor's providers).
        var cut = Render<AuthorizeRouteView>(p => p
            .Add(v => v.RouteData, new RouteData(page, new Dictionary<string, object?>()))
            .Add(v => v.NotAuthorized, _ => b => b.AddMarkupContent(0, "<p id=\"refused\">Not for this role</p>")));
        if (allowed)
        {
            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("h1")), Patience);
            Assert.Empty(cut.FindAll("#refused"));
        }
        else
        {
            cut.WaitForAssertion(() => cut.Find("#refused"), Patience);
            Assert.Empty(cut.FindAll("h1"));
        }
    }

    [Theory]
    [InlineData(Roles.Owner, new[] { "Workflows", "Email templates", "Team", "Settings" }, new string[0])]
    [InlineData(Roles.Admin, new[] { "Workflows", "Email templates", "Team" }, new[] { "Settings" })]
    [InlineData(Roles.Staff, new string[0], new[] { "Workflows", "Email templates", "Team", "Settings" })]
    public void The_menu_shows_a_role_only_its_pages(string role, string[] shown, string[] hidden)
    {
        SignInAs(role);
        var nav = Render<AdminNav>();
        var links = nav.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Contacts", links);
        foreach (var label in shown) Assert.Contains(label, links);
        foreach (var label in hidden) Assert.DoesNotContain(label, links);
    }

    [Theory]
    [InlineData(Roles.Owner, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Staff, false)]
    public async Task Deleting_offers_and_products_is_offered_only_to_owners_and_admins(string role, bool canDelete)
    {
        var catalogProducts = Get<CatalogProducts>();
        var catalogOffers = Get<CatalogOffers>();
        var product = (await catalogProducts.CreateProductAsync(new ProductDetails("Sourdough at Home", null,
            ProductKind.Course, null), Seed.Admin)).Value;
        await catalogOffers.SaveOfferAsync(null, "Bread club", null, [product], Seed.Admin);
        SignInAs(role);
        Render<MudPopoverProvider>();

        var offers = Render<Offers>();
        offers.WaitForAssertion(() =>
            Assert.Contains("Bread club", offers.Find("[data-testid=offers-grid]").TextContent), Patience);
        Assert.Equal(canDelete, offers.FindAll("button").Any(b => b.TextContent.Trim() == "Delete"));
        Assert.Contains(offers.FindAll("button"), b => b.TextContent.Trim() == "Edit"); // every role edits

        var editor = Render<ProductEditor>(p => p.Add(e => e.Id, product));
        editor.WaitForAssertion(() => editor.Find("[data-testid=toggle-publish]"), Patience);
        Assert.Equal(canDelete, editor.FindAll("button").Any(b => b.TextContent.Trim() == "Delete"));
    }
}
