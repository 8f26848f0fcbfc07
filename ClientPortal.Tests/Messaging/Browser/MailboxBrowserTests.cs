using ClientPortal.Tests.Support;
using ClientPortal.Tests.Support.Pages;
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
        Assert.Contains("Demo data added: 3 courses with their lessons, a community, two offers and 200 contacts",
            portal.Output); // start-up says what --demo made
        var admin = await AdminShell.SignInAsOwnerAsync(Chromium, portal);
        var page = admin.Page;

        // The template editor refuses an unknown field before anything is saved.
        await page.GotoAsync(portal.BaseUrl + "/admin/templates");
        await page.GetByTestId("template-subject").Locator("input").Or(page.GetByTestId("template-subject"))
            .First.FillAsync("Hello {{contact.nickname}}");
        await Expect(page.Locator(".mud-input-control", new() { Has = page.Locator("#template-subject") }))
            .ToContainTextAsync("Unknown merge field {{contact.nickname}}");
        await Expect(page.GetByTestId("template-save")).ToBeDisabledAsync();

        // Send a login email from the grid (bulk action on one contact) and watch the job finish.
        var contacts = await admin.GotoContactsAsync();
        await contacts.SelectOnlyAsync("maya.novak.2@example.com");
        await contacts.RunBulkAsync("bulk-login-email");

        var mailbox = await admin.MailboxAsync();
        await Expect(mailbox.Grid).ToContainTextAsync("maya.novak.2@example.com");
        await Expect(mailbox.Grid).ToContainTextAsync("Sent");
        await mailbox.OpenAsync("Your sign-in link for Client Portal");
        var link = await mailbox.LinkAsync();

        var learner = await LearnerLibrary.EnterAsync(await Chromium.NewPageAsync(), link);
        await Expect(learner.Products).ToContainTextAsync("Photography Foundations");
    }
}
