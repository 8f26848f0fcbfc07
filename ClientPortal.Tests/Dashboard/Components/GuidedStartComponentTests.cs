using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Dashboard.Components;

/// <summary>A new portal's dashboard shows the guided start with its next steps; hidden, it stays hidden.</summary>
public class GuidedStartComponentTests : PortalComponentTest
{
    [Fact]
    public async Task The_dashboard_guides_a_new_portal_and_hides_the_list_for_good()
    {
        await Get<CatalogProducts>().CreateProductAsync(new ProductDetails("Watercolour Basics", null,
            ProductKind.Course, null), Seed.Admin);
        Render<MudPopoverProvider>();
        var cut = Render<ClientPortal.App.Components.Admin.Dashboard>();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=start-step]").Count), Patience);
        Assert.Equal("1 of 5 done", cut.Find("[data-testid=start-progress]").TextContent.Trim());
        Assert.Equal(["false", "true", "false", "false", "false"],
            cut.FindAll("[data-testid=start-step]").Select(s => s.GetAttribute("data-done")));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/admin/offers"
            && a.TextContent.Trim() == "Create an offer");
        // The funnel's caveat is a help tip, not a paragraph.
        Assert.DoesNotContain("without opening the invite", cut.Find("#funnel-heading").ParentElement!.ParentElement!
            .QuerySelector("p")!.TextContent);

        await cut.Find("[data-testid=start-hide]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=start-checklist]")), Patience);
        var again = Render<ClientPortal.App.Components.Admin.Dashboard>();
        again.WaitForAssertion(() => again.Find("[data-testid=funnel]"), Patience);
        Assert.Empty(again.FindAll("[data-testid=start-checklist]"));
    }
}
