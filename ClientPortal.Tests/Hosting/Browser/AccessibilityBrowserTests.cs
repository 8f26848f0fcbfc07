using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

/// <summary>The screens people use most, checked by axe-core in Chromium: admin and learner, desktop and
/// phone.</summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityBrowserTests(BrowserFixture browser, SharedDemoPortal shared) : BrowserTest(browser),
    IClassFixture<SharedDemoPortal>
{
    [Fact]
    public async Task Admin_screens_and_dialogs_have_no_serious_accessibility_problems()
    {
        var page = await AdminBrowser.SignInAsync(Chromium, shared.Portal);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "dashboard");

        foreach (var (button, title) in new[] { ("open-invite", "Invite to Client Portal"),
            ("open-login-email", "Send Login Email"), ("open-generate", "Generate Magic Link") })
        {
            await page.GetByTestId(button).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = title })).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(page, $"{title} dialog");
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).ClickAsync();
        await Expect(page.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "contacts");

        await page.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row a").First.ClickAsync();
        await Expect(page.GetByTestId("grant-offer")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "contact card");
    }

    [Fact]
    public async Task Learner_sign_in_library_and_lesson_have_no_serious_accessibility_problems_on_a_phone()
    {
        var portal = shared.Portal;
        var page = await Chromium.NewPageAsync(390, 844);
        await page.GotoAsync(portal.BaseUrl + "/login");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "learner sign-in, first step");
        await page.GetByLabel("Email").FillAsync("maya.novak.2@example.com");
        await page.GetByTestId("continue-email").ClickAsync();
        await Expect(page.GetByTestId("request-link")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "learner sign-in, ways in");

        var (code, output) = await portal.RunCommandAsync("magic-link", "--email", "maya.novak.2@example.com",
            $"--Portal:PublicBaseUrl={portal.BaseUrl}");
        Assert.True(code == 0, output);
        await page.GotoAsync(output.Split('\n').First(l => l.Contains("/l/")).Trim());
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("library")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "library");

        await page.GetByTestId("continue").First.ClickAsync();
        await Expect(page.GetByTestId("lesson")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "lesson");
        await page.GetByTestId("outline-button").ClickAsync();
        await Expect(page.Locator("#course-outline")).ToBeInViewportAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "lesson with the outline drawer open");
    }
}
