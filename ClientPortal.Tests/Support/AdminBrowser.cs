using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Support;

public static class AdminBrowser
{
    public const string OwnerEmail = "owner@example.com";
    public const string OwnerPassword = "Str0ng!Passw0rd";

    /// <summary>Creates the Owner with the command line and signs in through the team sign-in page.</summary>
    public static async Task<IPage> SignInAsOwnerAsync(BrowserFixture browser, RunningPortal portal)
    {
        var (code, output) = await portal.RunCommandAsync("create-owner", "--email", OwnerEmail, "--password",
            OwnerPassword);
        Assert.True(code == 0, output);
        return await SignInAsync(browser, portal);
    }

    /// <summary>A new browser context signed in as the Owner (created already).</summary>
    public static async Task<IPage> SignInAsync(BrowserFixture browser, RunningPortal portal)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(portal.BaseUrl + "/account/login");
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password").FillAsync(OwnerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Generous: the first sign-in of a freshly started portal runs while the rest of the suite loads both cores.
        await Expect(page.GetByTestId("invited-count")).ToBeVisibleAsync();
        return page;
    }
}
