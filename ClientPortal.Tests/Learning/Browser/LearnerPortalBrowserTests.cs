using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Learning.Browser;

[Collection(BrowserCollection.Second)]
public class LearnerPortalBrowserTests(BrowserFixture browser, SharedDemoPortal shared) : BrowserTest(browser),
    IClassFixture<SharedDemoPortal>
{
    [Fact]
    public async Task An_affiliates_referral_link_selects_itself_on_focus_without_breaking_the_content_security_policy()
    {
        var portal = shared.Portal;
        // Not the contact the other test signs in with, whose library screenshot shows no affiliate link.
        await using (var host = await DomainHost.OpenAsync(portal.DataDirectory, new TestClock()))
        {
            await using var db = host.NewDb();
            var contact = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Contacts, c => c.Email == "ava.garcia.0@example.com");
            Assert.True((await host.Get<ClientPortal.App.Features.Affiliates.AffiliateProgram>()
                .EnrollAsync(contact.Id, PortalData.Admin)).Succeeded);
        }
        var (code, output) = await portal.RunCommandAsync("magic-link", "--email", "ava.garcia.0@example.com",
            "--section", "affiliates",
            $"--Portal:PublicBaseUrl={portal.BaseUrl}");
        Assert.True(code == 0, output);

        var page = await Chromium.NewPageAsync(360, 780);
        await page.GotoAsync(output.Split('\n').First(l => l.Contains("/l/")).Trim());
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/affiliates");
        var link = page.GetByTestId("referral-link");
        await Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/r/"));
        // The whole link is selected on focus, ready to copy (an inline handler would be refused by the CSP and logged
        // as an error). The page turns interactive after its first paint and renders the field again, which drops a
        // selection made before: focus is tried again until the page has settled, with a generous deadline.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await link.EvaluateAsync("e => e.blur()");
            await link.FocusAsync();
            if (await link.EvaluateAsync<bool>("e => document.activeElement === e && e.value.length > 0 && " +
                "e.selectionStart === 0 && e.selectionEnd === e.value.length"))
                break;
            Assert.True(DateTime.UtcNow < deadline, "Focusing the referral link never selected it.");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task
        On_a_360px_phone_a_learner_signs_in_by_link_completes_a_lesson_and_sees_progress_on_the_library_card()
    {
        var portal = shared.Portal;
        // Demo contact #2 holds "Starter: Photography" (Photography Foundations: 4 modules of 3 lessons).
        var (code, output) = await portal.RunCommandAsync("magic-link", "--email", "maya.novak.2@example.com",
            $"--Portal:PublicBaseUrl={portal.BaseUrl}");
        Assert.True(code == 0, output);
        var link = output.Split('\n').First(l => l.Contains("/l/")).Trim();

        var page = await Chromium.NewPageAsync(360, 780);
        await page.GotoAsync(link);
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/");

        var card = page.Locator("[data-testid=product-card]", new() { HasText = "Photography Foundations" });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.GetByTestId("continue")).ToHaveTextAsync("Start Photography Foundations");
        // The upsell the demo creator switched on: visible, locked, with its "get access" link, never openable.
        var locked = page.Locator("[data-testid=locked-card]", new() { HasText = "Email Marketing for Creators" });
        await Expect(locked.GetByTestId("get-access"))
            .ToHaveAttributeAsync("href", "https://example.com/email-marketing");
        await Expect(locked.GetByRole(AriaRole.Link, new() { Name = "Email Marketing for Creators", Exact = true }))
            .ToHaveCountAsync(0);

        await card.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("lesson")).ToContainTextAsync("Getting started: part 1");
        await page.GetByTestId("mark-complete").ClickAsync();
        await Expect(page.GetByTestId("lesson-notice")).ToHaveTextAsync("“Getting started: part 1” is complete.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Getting started: part 2" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("course-progress")).ToContainTextAsync("1 of 12 lessons complete");
        await AssertFitsAsync(page);
        Directory.CreateDirectory(Screenshots.Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "learner-lesson-360.png"),
            FullPage = false });

        await page.GetByTestId("portal-menu").Locator("summary").ClickAsync(); // one row at 360 px: links in a menu
        await page.GetByRole(AriaRole.Link, new() { Name = "Library", Exact = true }).ClickAsync();
        await Expect(card.GetByTestId("card-progress")).ToHaveAttributeAsync("data-percent", "8");
        await Expect(card).ToContainTextAsync("8% · 1 of 12 lessons");
        await Expect(card.GetByTestId("continue")).ToHaveTextAsync("Continue Photography Foundations");
        await AssertFitsAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "learner-library-360.png"),
            FullPage = true });

        // "Continue" resumes at the next unfinished lesson.
        await card.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Getting started: part 2" })).ToBeVisibleAsync();

        // Keyboard: the skip-free header is reachable with Tab and the first stop is the brand link.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("A", await page.EvaluateAsync<string>("document.activeElement.tagName"));
    }

    /// <summary>Nothing wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - " +
            "document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the 360px viewport.");
    }
}
