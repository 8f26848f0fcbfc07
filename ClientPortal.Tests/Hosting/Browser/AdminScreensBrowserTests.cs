using System.Text.RegularExpressions;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

/// <summary>
/// The screens over the demo data as a course creator and a learner meet them: every admin page, the contact card and
/// the Generate dialog read without enum names (PascalCase words), section codes (<c>course:5</c>) or row ids
/// (<c>#201</c>); on a phone the contacts grid, the contact card and the learner's header and outline fit and keep
/// what matters.
/// </summary>
[Collection(BrowserCollection.Second)]
public partial class AdminScreensBrowserTests(BrowserFixture browser, SharedDemoPortal shared) : BrowserTest(browser),
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

    [Fact]
    public async Task The_contacts_grid_keeps_names_on_a_phone_and_whole_addresses_on_a_desktop()
    {
        var page = await AdminBrowser.SignInAsync(Chromium, shared.Portal);
        await page.GotoAsync(shared.Portal.BaseUrl + "/admin/contacts");
        var grid = page.GetByTestId("contacts-grid");
        await Expect(grid.GetByTestId("contact-email").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('[data-testid=contact-email]')]" +
            ".every(e => e.getClientRects().length === 1)"), "an address wraps on a wide screen");
        await Expect(grid.Locator(".cp-contact-name").First).ToBeHiddenAsync(); // the Name column says it

        await page.SetViewportSizeAsync(390, 844);
        await Expect(grid.Locator(".cp-contact-name").First).ToBeVisibleAsync();
        Assert.Equal(0, await OverflowAsync(page));

        // The contact card at 360 px: its tables become labelled stacks, nothing wider than the screen.
        await page.SetViewportSizeAsync(360, 780);
        await grid.Locator("tbody tr.mud-table-row a").First.ClickAsync();
        await Expect(page.GetByTestId("grant-offer")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("links-grid").Locator("td[data-label=Opens]").First).ToBeVisibleAsync();
        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('main *')].filter(e => " +
            "e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8)" +
            ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('\\n')");
        Assert.True(await OverflowAsync(page) == 0, wide);
    }

    [Fact]
    public async Task A_learner_on_a_phone_has_a_one_row_header_with_a_menu_and_an_outline_that_closes()
    {
        var page = await Chromium.NewPageAsync(390, 844);
        var (code, output) = await shared.Portal.RunCommandAsync("magic-link", "--email", "maya.novak.2@example.com",
            $"--Portal:PublicBaseUrl={shared.Portal.BaseUrl}");
        Assert.True(code == 0, output);
        await page.GotoAsync(output.Split('\n').First(l => l.Contains("/l/")).Trim());
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("library")).ToBeVisibleAsync();

        var header = page.Locator("header.cp-portal-header");
        Assert.True((await header.BoundingBoxAsync())!.Height < 70, "the header takes more than one row");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Courses", Exact = true })).ToBeHiddenAsync();
        await page.GetByTestId("portal-menu").Locator("summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Courses", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/courses$"));

        await page.GotoAsync(shared.Portal.BaseUrl + "/");
        await page.GetByTestId("continue").First.ClickAsync();
        await Expect(page.GetByTestId("lesson")).ToBeVisibleAsync();
        await page.GetByTestId("outline-button").ClickAsync();
        await Expect(page.Locator("#course-outline")).ToBeInViewportAsync();
        await page.GetByTestId("outline-close").ClickAsync();
        await Expect(page.Locator("#course-outline")).Not.ToBeInViewportAsync();
        Assert.Equal(0, await OverflowAsync(page));
    }

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_uploaded_logo_and_favicon_brand_the_public_pages()
    {
        var page = await AdminBrowser.SignInAsync(Chromium, shared.Portal);
        await page.GotoAsync(shared.Portal.BaseUrl + "/admin/settings");
        await Expect(page.GetByTestId("save-settings")).ToBeVisibleAsync();

        // Not an image: refused in words, nothing stored.
        var logoInput = page.Locator("[data-testid=upload-logo] input[type=file]:not(.d-none)");
        var refusal = page.GetByText("That file is not a PNG, JPEG or WebP image.", new() { Exact = false }).First;
        // The file input wires its change handler just after it renders: a file chosen in that instant goes unseen,
        // so the first choice is made again (under another name, so the browser reports a change) until it is seen.
        for (var attempt = 0; ; attempt++)
        {
            await logoInput.SetInputFilesAsync(new FilePayload { Name = $"logo-{attempt}.png", MimeType = "image/png",
                Buffer = "not an image"u8.ToArray() });
            try
            {
                await Expect(refusal).ToBeVisibleAsync(new() { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 4) { }
        }

        await logoInput.SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Png });
        await Expect(page.Locator("img.cp-drop-current")).ToHaveCountAsync(1);
        await page.Locator("[data-testid=upload-favicon] input[type=file]:not(.d-none)").SetInputFilesAsync(
            new FilePayload { Name = "icon.png", MimeType = "image/png", Buffer = Png });
        await Expect(page.Locator("img.cp-drop-current")).ToHaveCountAsync(2);

        // Anyone sees them: the sign-in page's header and tab, served for good by their content's name.
        var visitor = await Chromium.NewPageAsync();
        await visitor.GotoAsync(shared.Portal.BaseUrl + "/login");
        var logo = visitor.Locator("header img.cp-logo-img");
        await Expect(logo).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(
            "^/brand/logo-[0-9a-f]{16}\\.png$"));
        Assert.True(await logo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the logo loads");
        var icon = await visitor.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.Matches("^/brand/icon-[0-9a-f]{16}\\.png$", icon);
        var response = await visitor.APIRequest.GetAsync(shared.Portal.BaseUrl + icon);
        Assert.Equal(200, response.Status);
        Assert.Contains("immutable", response.Headers["cache-control"]);
    }

    private static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

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
