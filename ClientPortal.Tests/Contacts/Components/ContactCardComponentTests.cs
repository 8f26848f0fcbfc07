using AngleSharp.Dom;
using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Learners;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using MudBlazor;

namespace ClientPortal.Tests.Contacts.Components;

public class ContactCardComponentTests : PortalComponentTest
{
    [Fact]
    public async Task An_offer_chip_revokes_only_after_the_question_is_answered_yes()
    {
        var catalogProducts = Get<CatalogProducts>();
        var catalogOffers = Get<CatalogOffers>();
        var product = (await catalogProducts.CreateProductAsync(new ProductDetails("Photography Foundations", null,
            ProductKind.Course, null), Seed.Admin)).Value;
        await catalogProducts.SetPublishedAsync(product, true, Seed.Admin);
        var offer = (await catalogOffers.SaveOfferAsync(null, "Starter: Photography", null, [product], Seed.Admin))
            .Value;
        var contact = (await Get<ContactDirectory>()
            .CreateAsync(new ContactDetails("pat@example.com", "Pat", null, null), Seed.Admin)).Value!.Id;
        Assert.True((await Get<AccessGrants>().GrantAsync(contact, offer, null, Seed.Admin)).Succeeded);

        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ContactCard>(p => p.Add(c => c.Id, contact));
        cut.WaitForAssertion(() =>
            Assert.Contains("Photography Foundations", cut.Find("[data-testid=visible-products]").TextContent),
            Patience);

        // A stray click on the chip's ✕ asks first; "Cancel" leaves the grant alone. (The click's handler waits for the
        // answer, so the test does not wait for the click.)
        var asking = cut.Find("[data-testid=offers-field] .mud-chip-close-button").ClickAsync(new());
        dialogs.WaitForAssertion(() =>
            Assert.Contains("Revoke “Starter: Photography” from pat@example.com?", dialogs.Markup), Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await asking.WaitAsync(Patience);
        Assert.Contains(offer, await Get<AccessGrants>().ActiveOfferIdsAsync(contact));

        // Answered yes, the offer goes and the card shows the empty library and the audit line in words.
        asking = cut.Find("[data-testid=offers-field] .mud-chip-close-button").ClickAsync(new());
        dialogs.WaitForAssertion(() =>
            Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Revoke"),
            Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").ClickAsync(new());
        await asking.WaitAsync(Patience);
        cut.WaitForAssertion(() => cut.Find("[data-testid=visible-products-empty]"), Patience);
        Assert.DoesNotContain(offer, await Get<AccessGrants>().ActiveOfferIdsAsync(contact));
        Assert.Contains("Revoked Starter: Photography", cut.Find("[data-testid=audit-trail]").TextContent);
        Assert.DoesNotContain("grant.revoke", cut.Markup);
    }

    [Fact]
    public async Task Details_being_typed_survive_an_offer_granted_on_the_same_card()
    {
        var catalogProducts = Get<CatalogProducts>();
        var product = (await catalogProducts.CreateProductAsync(new ProductDetails("Photography Foundations", null,
            ProductKind.Course, null), Seed.Admin)).Value;
        await catalogProducts.SetPublishedAsync(product, true, Seed.Admin);
        await Get<CatalogOffers>().SaveOfferAsync(null, "Starter: Photography", null, [product], Seed.Admin);
        var contact = (await Get<ContactDirectory>()
            .CreateAsync(new ContactDetails("typing@example.com", "Pat", null, null), Seed.Admin)).Value!.Id;

        Render<MudPopoverProvider>();
        var cut = Render<ContactCard>(p => p.Add(c => c.Id, contact));
        cut.WaitForAssertion(() => cut.Find("[data-testid=visible-products-empty]"), Patience);
        IElement FirstName() => cut.FindAll("section[aria-labelledby=details-heading] input")[1];
        cut.WaitForAssertion(() => Assert.Equal("Pat", FirstName().GetAttribute("value")), Patience);
        await FirstName().ChangeAsync(new() { Value = "Patricia" });

        // Another panel changes the contact: every panel reads again, but the form keeps what is being typed.
        var offer = (await Get<CatalogOffers>().OffersAsync()).Single().Id;
        await cut.FindComponent<ContactOffersPanel>().InvokeAsync(async () =>
            await cut.FindComponent<ContactOffersPanel>()
                .FindComponent<ClientPortal.App.Components.Shared.NamedPicker>()
                .Instance.ValueChanged.InvokeAsync(offer));
        cut.WaitForAssertion(() =>
            Assert.Contains("Photography Foundations", cut.Find("[data-testid=visible-products]").TextContent),
                Patience);
        Assert.Equal("Patricia", FirstName().GetAttribute("value"));
        Assert.Equal("Pat", (await Get<ContactDirectory>().GetAsync(contact))!.FirstName); // not saved until asked
    }

    /// <summary>A learner who signed in with their one passkey.</summary>
    private async Task<long> PasskeyLearnerAsync()
    {
        var contact = (await Get<ContactDirectory>()
            .CreateAsync(new ContactDetails("kim@example.com", "Kim", null, null), Seed.Admin)).Value!.Id;
        var account = (await Get<LearnerAccounts>().EnsureAccountAsync(contact)).Value!;
        await Get<PortalEntry>().RecordAsync(contact, "passkey", Seed.Admin);
        await using var work = Get<IdentityWorkFactory>().Open();
        var user = (await work.Users.FindByIdAsync(account.Id))!;
        var passkey = new UserPasskeyInfo([1, 2, 3, 4], [5, 6, 7, 8], DateTimeOffset.UtcNow, 0, ["internal"], true,
            true, false, [9], [10]);
        Assert.True((await work.Users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
        return contact;
    }

    [Fact]
    public async Task The_card_counts_the_learners_passkeys_beside_their_last_sign_in()
    {
        var contact = await PasskeyLearnerAsync();
        var cut = Render<ContactSignInPanel>(p => p.Add(c => c.ContactId, contact));
        cut.WaitForAssertion(() =>
            Assert.Equal("1 passkey", cut.Find("[data-testid=card-passkeys]").TextContent.Trim()),
            Patience);
        Assert.Contains("Signed in with a passkey", cut.Find("[data-testid=card-last-sign-in]").TextContent);
    }

    [Fact]
    public async Task The_team_removes_a_learners_passkeys_from_the_card()
    {
        var contact = await PasskeyLearnerAsync();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ContactSignInPanel>(p => p.Add(c => c.ContactId, contact));
        cut.WaitForAssertion(() => cut.Find("[data-testid=remove-passkeys]"), Patience);

        var asking = cut.Find("[data-testid=remove-passkeys]").ClickAsync(new());
        dialogs.WaitForAssertion(() =>
            Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Remove"),
            Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").ClickAsync(new());
        await asking.WaitAsync(Patience);
        cut.WaitForAssertion(() => Assert.Equal("none", cut.Find("[data-testid=card-passkeys]").TextContent.Trim()),
            Patience);
        var trail = await Get<ClientPortal.App.Features.Audit.AuditTrail>().SearchAsync(contact, "passkey.", 0, 10);
        Assert.Equal("1 passkey removed by the team", Assert.Single(trail.Items).Details);
    }
}
