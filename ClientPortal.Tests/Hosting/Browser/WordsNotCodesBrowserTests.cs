using System.Text.RegularExpressions;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

/// <summary>
/// Every admin page, the contact card and the Generate dialog over the demo data, read as a course creator reads them:
/// no enum names (PascalCase words), section codes (<c>course:5</c>) or row ids (<c>#201</c>).
/// </summary>
[Collection(BrowserCollection.Second)]
public partial class WordsNotCodesBrowserTests(BrowserFixture browser, SharedDemoPortal shared) : BrowserTest(browser),
    IClassFixture<SharedDemoPortal>
{
    private static readonly string[] Pages =
    [
        "/admin", "/admin/contacts", "/admin/products", "/admin/offers", "/admin/mailbox", "/admin/templates",
        "/admin/workflows", "/admin/workflows/runs", "/admin/webhooks", "/admin/api-keys", "/admin/team",
        "/admin/settings", "/admin/profile", "/admin/grants/import", "/admin/workflows/new",
    ];

    /// <summary>Names of things, not codes: products and brands the screens may name.</summary>
    private static readonly HashSet<string> Names = ["YouTube", "WordPress", "PostgreSQL", "HighLevel", "GitHub",
        "LinkedIn", "JavaScript", "PayPal", "WebM", "ConvertKit", "MailChimp", "ActiveCampaign", "SendGrid",
        "JetBrains", "GoHighLevel"];

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b|course:\d+|#\d+")]
    private static partial Regex RawCode();

    [Fact]
    public async Task Admin_pages_the_contact_card_and_the_generate_dialog_show_words_not_codes()
    {
        var page = await AdminBrowser.SignInAsync(Chromium, shared.Portal);
        var found = new List<string>();
        foreach (var path in Pages)
        {
            await page.GotoAsync(shared.Portal.BaseUrl + path);
            found.AddRange(await CodesOnAsync(page, path));
        }

        await page.GotoAsync(shared.Portal.BaseUrl + "/admin/products");
        await page.GetByTestId("products-grid").Locator("tbody a").First.ClickAsync();
        found.AddRange(await CodesOnAsync(page, "a product"));

        // A contact who has signed in: links, grants and an audit trail to read.
        await page.GotoAsync(shared.Portal.BaseUrl + "/admin/contacts");
        await page.GetByTestId("contacts-grid").Locator("tbody tr.mud-table-row a").First.ClickAsync();
        await Expect(page.GetByTestId("grant-offer")).ToBeVisibleAsync();
        await page.GetByTestId("generate-link").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("link-section").ClickAsync();
        await page.GetByRole(AriaRole.Option).Last.ClickAsync();
        await dialog.GetByTestId("generate").ClickAsync();
        await Expect(dialog.GetByTestId("generated-link")).ToBeVisibleAsync();
        found.AddRange(Codes(await dialog.InnerTextAsync(), "the Generate dialog"));
        await page.Keyboard.PressAsync("Escape");
        await page.ReloadAsync();
        found.AddRange(await CodesOnAsync(page, "the contact card"));

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static async Task<IEnumerable<string>> CodesOnAsync(IPage page, string where)
    {
        await LoadedAsync(page);
        return Codes(await page.Locator("main").InnerTextAsync(), where);
    }

    private static async Task LoadedAsync(IPage page)
    {
        await Expect(page.Locator("main h1").First).ToBeVisibleAsync();
        await Expect(page.Locator("main .mud-progress-linear-indeterminate, main .mud-skeleton"))
            .ToHaveCountAsync(0);
    }

    private static IEnumerable<string> Codes(string text, string where) => RawCode().Matches(text)
        .Select(m => m.Value).Where(v => !Names.Contains(v)).Distinct().Select(v => $"{where}: {v}");
}
