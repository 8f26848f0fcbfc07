using Bunit;
using ClientPortal.App.Components.Shared;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Shared.Components;

/// <summary>The picker of the Invite and Send Login Email dialogs.</summary>
public class ContactPickerComponentTests : PortalComponentTest
{
    [Fact]
    public async Task Picking_several_contacts_empties_the_search_for_the_next_one()
    {
        foreach (var (email, first) in new[] { ("ada@example.com", "Ada"), ("bea@example.com", "Bea") })
            await Get<ContactDirectory>().CreateAsync(new ContactDetails(email, first, null, null), Seed.Admin);
        var popovers = Render<MudPopoverProvider>();
        IEnumerable<long> picked = [];
        var cut = Render<ContactPicker>(p => p.Add(c => c.Multiple, true)
            .Add(c => c.SelectedChanged, ids => picked = ids));

        foreach (var (typed, expected) in new[] { ("ada", 1), ("bea", 2) })
        {
            await cut.Find("input").InputAsync(new() { Value = typed });
            popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll(".mud-popover-open .mud-list-item")),
                Patience);
            await popovers.Find(".mud-popover-open .mud-list-item").ClickAsync(new());
            cut.WaitForAssertion(() => Assert.Equal(expected, cut.FindAll("[data-testid=picked-contacts] .mud-chip")
                .Count), Patience);
            Assert.Equal("", cut.Find("input").GetAttribute("value") ?? "");
        }
        Assert.Equal(2, picked.Count());
        Assert.Contains("Bea <bea@example.com>", cut.Find("[data-testid=picked-contacts]").TextContent);
    }
}
