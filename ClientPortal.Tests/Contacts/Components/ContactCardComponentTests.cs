using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Contacts.Components;

public class ContactCardComponentTests : PortalComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_offer_chip_revokes_only_after_the_question_is_answered_yes()
    {
        var catalog = Get<CatalogEditor>();
        var product = (await catalog.CreateProductAsync(new ProductInput("Photography Foundations", null, ProductKind.Course, null), Seed.Admin)).Value;
        await catalog.SetPublishedAsync(product, true, Seed.Admin);
        var offer = (await catalog.SaveOfferAsync(null, "Starter: Photography", null, [product], Seed.Admin)).Value;
        var contact = (await Get<ContactDirectory>().CreateAsync(new ContactInput("pat@example.com", "Pat", null, null), Seed.Admin)).Value!.Id;
        Assert.True((await Get<AccessGrants>().GrantAsync(contact, offer, null, Seed.Admin)).Succeeded);

        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ContactCard>(p => p.Add(c => c.Id, contact));
        cut.WaitForAssertion(() => Assert.Contains("Photography Foundations", cut.Find("[data-testid=visible-products]").TextContent), Patience);

        // A stray click on the chip's ✕ asks first; "Cancel" leaves the grant alone. (The click's handler waits for the
        // answer, so the test does not wait for the click.)
        var asking = cut.Find("[data-testid=offers-field] .mud-chip-close-button").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke “Starter: Photography” from pat@example.com?", dialogs.Markup), Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await asking.WaitAsync(Patience);
        Assert.Contains(offer, await Get<AccessGrants>().ActiveOfferIdsAsync(contact));

        // Answered yes, the offer goes and the card shows the empty library and the audit line in words.
        asking = cut.Find("[data-testid=offers-field] .mud-chip-close-button").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Revoke"), Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").ClickAsync(new());
        await asking.WaitAsync(Patience);
        cut.WaitForAssertion(() => cut.Find("[data-testid=visible-products-empty]"), Patience);
        Assert.DoesNotContain(offer, await Get<AccessGrants>().ActiveOfferIdsAsync(contact));
        Assert.Contains("Revoked Starter: Photography", cut.Find("[data-testid=audit-trail]").TextContent);
        Assert.DoesNotContain("grant.revoke", cut.Markup);
    }
}
