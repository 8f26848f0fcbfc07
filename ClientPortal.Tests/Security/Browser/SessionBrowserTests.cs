using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Security.Browser;

[Collection(BrowserCollection.Second)]
public class SessionBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Signing_out_in_one_tab_ends_the_open_admin_page_of_that_session_within_the_revalidation_interval()
    {
        await using var portal = await RunningPortal.StartAsync(new Dictionary<string,
            string> { ["Portal__CircuitRevalidationSeconds"] = "2" });
        // The open page is sent to sign-in by the server, possibly while it still downloads a font; the browser cuts
        // that off.
        ExpectConsoleError("net::ERR_CONTENT_LENGTH_MISMATCH");
        var dashboard = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);
        // Another browser of the Owner's stays signed in: sign-out ends one session, not every device.
        var laptop = await AdminBrowser.SignInAsync(Chromium, portal);

        var other = await dashboard.Context.NewPageAsync();
        await other.GotoAsync(portal.BaseUrl + "/admin/contacts");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(other).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login|/login"));

        // The dashboard's live connection was opened before; its next check finds the session ended.
        await Expect(dashboard)
            .ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = 30_000 });
        await laptop.ReloadAsync();
        await Expect(laptop.GetByTestId("invited-count")).ToBeVisibleAsync();
    }
}
