using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

/// <summary>
/// The README's pictures, taken from the real app on demo data (desktop and a 390 px phone) into the test output's
/// screenshots folder; copy them to docs/screenshots when the UI changes. Each one first waits for what it shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReadmeScreenshotsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static string Shot(string name)
    {
        Directory.CreateDirectory(Screenshots.Folder);
        return Path.Combine(Screenshots.Folder, name);
    }

    [Fact]
    public async Task The_admin_on_a_desktop_and_on_a_phone()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var page = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);
        await Expect(page.GetByTestId("feed").Locator("li")).ToHaveCountAsync(15);
        await page.ScreenshotAsync(new() { Path = Shot("dashboard.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).ClickAsync();
        await Expect(page.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row")).ToHaveCountAsync(50);
        await page.ScreenshotAsync(new() { Path = Shot("contacts.png") });

        await page.Locator("#contact-search").FillAsync("ethan.");
        await Expect(page.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row").First)
            .ToContainTextAsync("ethan.");
        await page.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row a").First.ClickAsync();
        await Expect(page.GetByTestId("audit-trail")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("contact-card.png"), FullPage = true });

        await page.GotoAsync(portal.BaseUrl + "/admin/mailbox");
        await page.GetByTestId("mailbox-grid").Locator(".cp-link-button").First.ClickAsync();
        // The email as sent: the portal's layout with the link as a button.
        await Expect(page.FrameLocator("[data-testid=message-html]")
            .GetByRole(AriaRole.Link, new() { Name = "Open Client Portal" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("mailbox.png") });
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync(portal.BaseUrl + "/admin/products");
        await page.GetByRole(AriaRole.Link, new() { Name = "Photography Foundations" }).ClickAsync();
        await page.Locator(".cp-outline-lessons .cp-link-button").First.ClickAsync();
        await Expect(page.Locator(".cp-markdown-preview")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("product-editor.png"), FullPage = true });

        await page.GotoAsync(portal.BaseUrl + "/admin");
        await page.GetByTestId("open-generate").ClickAsync();
        var generate = page.GetByRole(AriaRole.Dialog, new() { Name = "Generate Magic Link" });
        await generate.GetByRole(AriaRole.Tab, new() { Name = "For the whole portal" }).ClickAsync();
        await generate.GetByTestId("make-site-links").ClickAsync();
        await Expect(generate.GetByTestId("site-learner-link")).ToBeVisibleAsync();
        await generate.GetByText("Copy them now").ClickAsync(); // the button just pressed loses its pressed look
        await page.ScreenshotAsync(new() { Path = Shot("portal-links.png") });
        await page.Keyboard.PressAsync("Escape");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("dashboard-dark.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();

        var phone = await Chromium.NewPageAsync(390, 844);
        await phone.GotoAsync(portal.BaseUrl + "/account/login");
        await phone.GetByLabel("Email").FillAsync(AdminBrowser.OwnerEmail);
        await phone.GetByLabel("Password").FillAsync(AdminBrowser.OwnerPassword);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(phone.GetByTestId("invited-count")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("dashboard-390.png") });
        await phone.GotoAsync(portal.BaseUrl + "/admin/contacts");
        await Expect(phone.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("contacts-390.png") });
    }

    [Fact]
    public async Task The_learner_sign_in_on_a_phone()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var phone = await Chromium.NewPageAsync(390, 844);
        await phone.GotoAsync(portal.BaseUrl + "/login");
        await Expect(phone.GetByTestId("continue-email")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("learner-login.png") });
        await phone.GetByLabel("Email").FillAsync("maya.novak.2@example.com");
        await phone.GetByTestId("continue-email").ClickAsync();
        await Expect(phone.GetByTestId("request-link")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("learner-login-methods.png") });
    }
}
