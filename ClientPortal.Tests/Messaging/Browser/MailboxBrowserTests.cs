using System.Text.RegularExpressions;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Messaging.Browser;

[Collection(BrowserCollection.Name)]
public class MailboxBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Without_smtp_a_login_email_is_readable_in_the_mailbox_and_its_link_works()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var page = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);

        // The template editor refuses an unknown field before anything is saved.
        await page.GotoAsync(portal.BaseUrl + "/admin/templates");
        await page.GetByTestId("template-subject").Locator("input").Or(page.GetByTestId("template-subject")).First.FillAsync("Hello {{contact.nickname}}");
        await Expect(page.Locator(".mud-input-control", new() { Has = page.Locator("#template-subject") })).ToContainTextAsync("Unknown merge field {{contact.nickname}}");
        await Expect(page.GetByTestId("template-save")).ToBeDisabledAsync();

        // Send a login email from the grid (bulk action on one contact) and watch the job finish.
        await page.GotoAsync(portal.BaseUrl + "/admin/contacts");
        await page.Locator("#contact-search").FillAsync("maya.novak.2@");
        await Expect(page.GetByTestId("contacts-grid")).ToContainTextAsync("maya.novak.2@example.com");
        // Wait for the filtered result (the search is debounced), then select its one row.
        await Expect(page.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await page.GetByLabel("Select maya.novak.2@example.com").CheckAsync();
        await Expect(page.GetByTestId("bulk-bar")).ToBeVisibleAsync();
        await page.GetByTestId("bulk-login-email").ClickAsync();
        await Expect(page.GetByTestId("bulk-progress")).ToContainTextAsync("done");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mailbox" }).ClickAsync();
        await Expect(page.GetByTestId("mailbox-grid")).ToContainTextAsync("maya.novak.2@example.com");
        await Expect(page.GetByTestId("mailbox-grid")).ToContainTextAsync("Sent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Your sign-in link for Client Portal" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Plain text" }).ClickAsync();
        var text = await page.GetByTestId("message-text").TextContentAsync();
        var link = Regex.Match(text!, @"http://\S+/l/[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(link);

        var learner = await Chromium.NewPageAsync();
        await learner.GotoAsync(link);
        await learner.GetByTestId("continue").ClickAsync();
        await Expect(learner.GetByTestId("library")).ToContainTextAsync("Photography Foundations");
    }
}
