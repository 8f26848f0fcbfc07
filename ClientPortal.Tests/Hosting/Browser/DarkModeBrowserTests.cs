using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

[Collection(BrowserCollection.Second)]
public class DarkModeBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

    [Fact]
    public async Task An_admin_who_turns_on_dark_mode_gets_it_on_another_device_and_it_stays_readable()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var laptop = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);
        var light = await BackgroundAsync(laptop);
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Expect(laptop.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await Expect(laptop.Locator("body")).Not.ToHaveCSSAsync("background-color", light);

        // Another browser (another device), the same person: dark from the first screen.
        var phone = await AdminBrowser.SignInAsync(Chromium, portal);
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        Assert.NotEqual(light, await BackgroundAsync(phone));
        await Accessibility.AssertNoSeriousViolationsAsync(phone, "dashboard in dark mode");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).ClickAsync();
        await Expect(phone.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(phone, "contacts in dark mode");
    }
}
