using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

/// <summary>When the connection to the server drops, the page says so in the portal's words, keeps what was typed
/// across a paused circuit, and comes back once the server does.</summary>
[Collection(BrowserCollection.Name)]
public class ConnectionBrowserTests(BrowserFixture browser, SharedDemoPortal shared) : BrowserTest(browser),
    IClassFixture<SharedDemoPortal>
{
    private static ILocator Notice(IPage page) => page.Locator("#components-reconnect-modal");

    [Fact]
    public async Task Typed_values_of_an_open_form_survive_a_paused_circuit()
    {
        // MudBlazor's popover script says so on the console when the resumed circuit sets its popovers up again on
        // the same page (it then does); nothing is wrong.
        ExpectConsoleError("Popover Service already initialized");
        var page = await AdminBrowser.SignInAsync(Chromium, shared.Portal);
        await page.GotoAsync(shared.Portal.BaseUrl + "/admin/contacts");
        await page.GetByTestId("add-contact").ClickAsync();
        await page.Locator("#new-contact-email").FillAsync("wren@example.com");
        await page.GetByLabel("First name").FillAsync("Wren");

        // The circuit is paused (its state persisted, the server's copy released), as a browser does for a tab left
        // in the background; the notice says so in words.
        await page.EvaluateAsync("() => Blazor.pauseCircuit()");
        await Expect(Notice(page)).ToBeVisibleAsync();
        await Expect(Notice(page)).ToContainTextAsync("This page is resting");

        await page.Locator("#cp-reconnect-resume").ClickAsync();
        await Expect(Notice(page)).ToBeHiddenAsync();
        await Expect(page.Locator("#new-contact-email")).ToHaveValueAsync("wren@example.com");
        await Expect(page.GetByLabel("First name")).ToHaveValueAsync("Wren");

        // The resumed circuit holds the values, not only the page: saving adds the contact as typed.
        await page.GetByTestId("new-contact-save").ClickAsync();
        await page.GotoAsync(shared.Portal.BaseUrl + "/admin/contacts?q=wren%40example.com");
        await Expect(page.GetByTestId("contacts-grid")).ToContainTextAsync("Wren");
    }

    [Fact]
    public async Task A_dropped_server_gets_the_portals_own_words_and_the_page_comes_back()
    {
        var page = await AdminBrowser.SignInAsync(Chromium, shared.Portal);
        await page.GotoAsync(shared.Portal.BaseUrl + "/admin/contacts");
        await Expect(page.GetByTestId("contacts-grid")).ToBeVisibleAsync();

        await shared.Portal.CrashAndRestartAsync(async () =>
        {
            await Expect(Notice(page)).ToBeVisibleAsync();
            await Expect(Notice(page)).ToContainTextAsync(new System.Text.RegularExpressions.Regex(
                "Reconnecting|Can't reach the portal"));
        });

        // The restarted server does not know the page's circuit: the notice says what happened, and Reload brings
        // the page back signed in.
        await Expect(Notice(page)).ToContainTextAsync("The portal restarted.");
        await page.Locator("#cp-reconnect-reload").ClickAsync();
        await Expect(page.GetByTestId("contacts-grid")).ToBeVisibleAsync();
        await Expect(Notice(page)).ToBeHiddenAsync();
    }
}
