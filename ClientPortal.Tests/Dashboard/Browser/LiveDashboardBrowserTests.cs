using System.Text.RegularExpressions;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Dashboard.Browser;

[Collection(BrowserCollection.Name)]
public class LiveDashboardBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task An_open_dashboard_follows_an_invite_from_another_admin_and_the_learners_first_entry_without_reload()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var watcher = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);
        var invited = int.Parse((await watcher.GetByTestId("invited-count").TextContentAsync())!);
        var active = int.Parse((await watcher.GetByTestId("active-count").TextContentAsync())!);
        var today = watcher.GetByTestId("logins-chart").Locator("li").Last;
        var loginsToday = int.Parse(Regex.Match((await today.TextContentAsync())!, @":\s*(\d+)\s*$").Groups[1].Value);

        // A second admin session invites a new contact from the grid.
        var admin = await AdminBrowser.SignInAsync(Chromium, portal);
        await admin.GotoAsync(portal.BaseUrl + "/admin/contacts");
        await admin.GetByTestId("add-contact").ClickAsync();
        await admin.Locator("#new-contact-email").FillAsync("live.learner@example.com");
        await admin.GetByTestId("new-contact-save").ClickAsync();
        await admin.Locator("#contact-search").FillAsync("live.learner@");
        // Wait for the filtered result (the search is debounced), then select its one row.
        await Expect(admin.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        await admin.GetByLabel("Select live.learner@example.com").CheckAsync();
        await Expect(admin.GetByTestId("bulk-bar")).ToBeVisibleAsync();
        await admin.GetByTestId("bulk-invite").ClickAsync();
        await Expect(admin.GetByTestId("bulk-progress")).ToContainTextAsync("done");

        await Expect(watcher.GetByTestId("invited-count")).ToHaveTextAsync((invited + 1).ToString(), new() { Timeout = 10_000 });
        await Expect(watcher.GetByTestId("feed")).ToContainTextAsync("Invited live.learner@example.com");

        // The learner opens the invite from the mailbox in a fresh Chromium.
        await admin.GotoAsync(portal.BaseUrl + "/admin/mailbox");
        await admin.GetByRole(AriaRole.Button, new() { Name = "You're invited to Client Portal" }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Plain text" }).ClickAsync();
        var link = Regex.Match((await admin.GetByTestId("message-text").TextContentAsync())!, @"http://\S+/l/[A-Za-z0-9_-]{43}").Value;
        var learner = await Chromium.NewPageAsync();
        await learner.GotoAsync(link);
        await learner.GetByTestId("continue").ClickAsync();
        await Expect(learner.GetByTestId("library-empty")).ToBeVisibleAsync();

        await Expect(watcher.GetByTestId("active-count")).ToHaveTextAsync((active + 1).ToString(), new() { Timeout = 10_000 });
        await Expect(watcher.GetByTestId("invited-count")).ToHaveTextAsync(invited.ToString());
        await Expect(watcher.GetByTestId("feed")).ToContainTextAsync("Entered with a link live.learner@example.com");
        // Today's bar in the logins chart counts the new sign-in (plain HTML bars, readable by screen readers).
        await Expect(today).ToContainTextAsync($": {loginsToday + 1}");
    }
}
