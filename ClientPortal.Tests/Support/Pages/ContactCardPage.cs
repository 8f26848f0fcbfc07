using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Support.Pages;

/// <summary>One contact's card: the offers field, what the contact can see, the audit trail.</summary>
public sealed class ContactCardPage(IPage page)
{
    public ILocator Name => page.GetByTestId("contact-name");
    public ILocator VisibleProducts => page.GetByTestId("visible-products");
    public ILocator NoVisibleProducts => page.GetByTestId("visible-products-empty");
    public ILocator AuditTrail => page.GetByTestId("audit-trail");
    public ILocator Offers => page.GetByTestId("offers-field");

    /// <summary>Grants an offer by picking it in the offers field.</summary>
    public async Task GrantAsync(string offer)
    {
        await page.GetByTestId("grant-offer").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = offer }).ClickAsync();
        await Expect(AuditTrail).ToContainTextAsync($"Granted {offer}");
    }

    /// <summary>Presses the ✕ of the (one) offer chip; answers the question it asks with
    /// <see cref="ConfirmRevokeAsync"/>.</summary>
    public async Task<ILocator> AskToRevokeAsync()
    {
        await Offers.Locator(".mud-chip-close-button").ClickAsync();
        return page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke offer" });
    }

    public static Task ConfirmRevokeAsync(ILocator question) =>
        question.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
}
