using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Support.Pages;

/// <summary>The contacts grid: add, search, select for a bulk action, open a card.</summary>
public sealed class ContactsPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("contacts-grid");
    public ILocator Rows => Grid.Locator("tbody tr.mud-table-row");

    public async Task AddAsync(string email)
    {
        await page.GetByTestId("add-contact").ClickAsync();
        await page.Locator("#new-contact-email").FillAsync(email);
        await page.GetByTestId("new-contact-save").ClickAsync();
    }

    public Task SearchAsync(string text) => page.Locator("#contact-search").FillAsync(text);

    /// <summary>Searches for the one contact and opens their card.</summary>
    public async Task<ContactCardPage> OpenAsync(string email)
    {
        await SearchAsync(email.Split('@')[0] + "@");
        await page.GetByRole(AriaRole.Link, new() { Name = email }).ClickAsync();
        var card = new ContactCardPage(page);
        await Expect(card.Name).ToHaveTextAsync(email);
        return card;
    }

    /// <summary>Searches until the one contact is left (the search is debounced), then ticks its row.</summary>
    public async Task SelectOnlyAsync(string email)
    {
        await SearchAsync(email.Split('@')[0] + "@");
        await Expect(Rows).ToHaveCountAsync(1);
        await page.GetByLabel($"Select {email}").CheckAsync();
        await Expect(page.GetByTestId("bulk-bar")).ToBeVisibleAsync();
    }

    /// <summary>A bulk action on the selected contacts ("bulk-invite", "bulk-login-email"), waited for until
    /// done.</summary>
    public async Task RunBulkAsync(string action)
    {
        await page.GetByTestId(action).ClickAsync();
        await Expect(page.GetByTestId("bulk-progress")).ToContainTextAsync("done");
    }
}
