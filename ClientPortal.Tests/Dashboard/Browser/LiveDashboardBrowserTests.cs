using ClientPortal.Tests.Support;
using ClientPortal.Tests.Support.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Dashboard.Browser;

[Collection(BrowserCollection.Second)]
public class LiveDashboardBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task
        An_open_dashboard_follows_an_invite_from_another_admin_and_the_learners_first_entry_without_reload()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var watcher = (await AdminShell.SignInAsOwnerAsync(Chromium, portal)).Dashboard;
        var invited = await watcher.InvitedAsync();
        var active = await watcher.ActiveAsync();
        var loginsToday = await watcher.SignInsTodayAsync();

        // A second admin session invites a new contact from the grid.
        var admin = await AdminShell.SignInAsync(Chromium, portal);
        var contacts = await admin.GotoContactsAsync();
        await contacts.AddAsync("live.learner@example.com");
        await contacts.SelectOnlyAsync("live.learner@example.com");
        await contacts.RunBulkAsync("bulk-invite");

        await Expect(watcher.Invited).ToHaveTextAsync((invited + 1).ToString(), new() { Timeout = 10_000 });
        await Expect(watcher.Feed).ToContainTextAsync("Invited live.learner@example.com");

        // The learner opens the invite from the mailbox in a fresh Chromium.
        var mailbox = await admin.GotoMailboxAsync();
        await mailbox.OpenAsync("You're invited to Client Portal");
        var learner = await LearnerLibrary.EnterAsync(await Chromium.NewPageAsync(), await mailbox.LinkAsync());
        await Expect(learner.Empty).ToBeVisibleAsync();

        await Expect(watcher.Active).ToHaveTextAsync((active + 1).ToString(), new() { Timeout = 10_000 });
        await Expect(watcher.Invited).ToHaveTextAsync(invited.ToString());
        await Expect(watcher.Feed).ToContainTextAsync("Entered with a link live.learner@example.com");
        // Today's bar in the logins chart counts the new sign-in (plain HTML bars, readable by screen readers).
        await Expect(watcher.SignInsToday).ToContainTextAsync($": {loginsToday + 1}");
    }
}
