using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Support.Pages;

/// <summary>
/// A signed-in team member's browser: the admin shell's navigation, and the pages reached from it. Tests say what they
/// do here (open the contacts, read the mailbox) and the page objects know the selectors.
/// </summary>
public sealed class AdminShell(IPage page, string baseUrl)
{
    public IPage Page => page;

    /// <summary>Creates the Owner with the command line and signs in on the team sign-in page (lands on the
    /// dashboard).</summary>
    public static async Task<AdminShell> SignInAsOwnerAsync(BrowserFixture browser, RunningPortal portal) =>
        new(await AdminBrowser.SignInAsOwnerAsync(browser, portal), portal.BaseUrl);

    /// <summary>Another browser signed in as the Owner (created already).</summary>
    public static async Task<AdminShell> SignInAsync(BrowserFixture browser, RunningPortal portal) =>
        new(await AdminBrowser.SignInAsync(browser, portal), portal.BaseUrl);

    public DashboardPage Dashboard => new(page);

    /// <summary>Through the navigation, as a person would (the new page's heading takes the focus).</summary>
    public async Task<ContactsPage> ContactsAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Contacts");
        return new ContactsPage(page);
    }

    public async Task<ContactsPage> GotoContactsAsync()
    {
        await page.GotoAsync(baseUrl + "/admin/contacts");
        return new ContactsPage(page);
    }

    public async Task<MailboxPage> MailboxAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Mailbox" }).ClickAsync();
        return new MailboxPage(page);
    }

    public async Task<MailboxPage> GotoMailboxAsync()
    {
        await page.GotoAsync(baseUrl + "/admin/mailbox");
        return new MailboxPage(page);
    }

    public Task GotoAsync(string path) => page.GotoAsync(baseUrl + path);
}
