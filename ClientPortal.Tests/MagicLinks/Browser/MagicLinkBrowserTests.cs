using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.MagicLinks.Browser;

[Collection(BrowserCollection.Name)]
public class MagicLinkBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_fresh_browser_opens_the_link_continues_and_lands_in_the_section_with_only_granted_products()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        // Demo contact #2 holds "Starter: Photography" (Photography Foundations only).
        var (code, output) = await portal.RunCommandAsync("magic-link", "--email", "maya.novak.2@example.com",
            "--section", "courses",
            $"--Portal:PublicBaseUrl={portal.BaseUrl}");
        Assert.True(code == 0, output);
        var link = output.Split('\n').First(l => l.Contains("/l/")).Trim();

        var page = await Chromium.NewPageAsync();
        var response = await page.GotoAsync(link);
        Assert.Equal("no-referrer", await response!.HeaderValueAsync("referrer-policy"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Continue to Client Portal" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("masked-email")).ToHaveTextAsync("m•••••@example.com");
        await page.GetByTestId("continue").ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/courses");
        var library = page.GetByTestId("library");
        await Expect(library).ToContainTextAsync("Photography Foundations");
        await Expect(library).Not.ToContainTextAsync("Sourdough at Home");
        await Expect(page.Locator("[data-testid=product-card]", new() { HasText = "Email Marketing for Creators" }))
            .ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=locked-card]", new() { HasText = "Email Marketing for Creators" }))
            .ToHaveCountAsync(1); // the demo's upsell

        await page.GetByRole(AriaRole.Link, new() { Name = "Photography Foundations", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("lesson")).ToContainTextAsync("Getting started: part 1");

        // The same link in another Chromium is spent, and offers the fallbacks.
        var other = await Chromium.NewPageAsync();
        await other.GotoAsync(link);
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "This link can't be used any more" }))
            .ToBeVisibleAsync();
        // One email field, then the ways back in for that address.
        await other.GetByLabel("Email").FillAsync("someone@example.com");
        await other.GetByTestId("continue-email").ClickAsync();
        await Expect(other.GetByTestId("chosen-email")).ToHaveTextAsync("someone@example.com");
        await Expect(other.GetByTestId("relink")).ToBeVisibleAsync();
        await Expect(other.GetByTestId("recode")).ToBeVisibleAsync();
    }
}
