using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.Domain.Contacts;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Components;

public class ContactsComponentTests : PortalComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_grid_pages_from_sql_filters_by_search_and_a_selection_brings_the_bulk_bar()
    {
        var directory = Get<ContactDirectory>();
        for (var i = 0; i < 60; i++)
            await directory.CreateAsync(new ContactInput($"learner{i:D2}@example.com", $"Learner {i}", null, null), Seed.Admin);
        await directory.CreateAsync(new ContactInput("zoe@example.com", "Zoë", "Ng", null, ["vip"]), Seed.Admin);
        Render<MudPopoverProvider>();

        var cut = Render<Contacts>();
        // One page of 50 rows out of 61, in the words the pager uses.
        cut.WaitForAssertion(() => Assert.Equal(50, cut.FindAll("[data-testid=contacts-grid] tbody tr.mud-table-row").Count), Patience);
        Assert.Contains("Send a login email to all 61 results", cut.Markup);

        await cut.Find("#contact-search").InputAsync(new() { Value = "zoe" });
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=contacts-grid] tbody tr.mud-table-row")), Patience);
        var row = cut.Find("[data-testid=contacts-grid] tbody tr.mud-table-row");
        Assert.Contains("zoe@example.com", row.TextContent);
        Assert.Contains("Not invited", row.TextContent); // words, not the enum's name
        Assert.DoesNotContain("bulk-bar", cut.Markup);

        await row.QuerySelector("input[type=checkbox]")!.ChangeAsync(new() { Value = true });
        cut.WaitForAssertion(() => Assert.Contains("1 selected", cut.Find("[data-testid=bulk-bar]").TextContent), Patience);
    }
}
