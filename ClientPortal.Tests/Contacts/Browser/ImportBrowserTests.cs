using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Contacts.Browser;

[Collection(BrowserCollection.Name)]
public class ImportBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Csv_import_previews_errors_then_imports_and_bulk_grants_apply_and_undo()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var page = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);
        using var dir = new TempDirectory();

        var contactsCsv = Path.Combine(dir.Path, "people.csv");
        await File.WriteAllTextAsync(contactsCsv,
            """
            email,first_name,last_name,tags
            new1@example.com,New,One,imported
            nope,Bad,Row,
            new2@example.com,New,Two,imported

            """);
        await page.GotoAsync(portal.BaseUrl + "/admin/contacts");
        await page.GetByTestId("import-contacts").ClickAsync();
        // A labelled area to drop the file on or click, the browser's bare control hidden inside it.
        await Expect(page.Locator("label.cp-file-drop", new() { HasText = "Choose a CSV of contacts" }))
            .ToBeVisibleAsync();
        Assert.Equal("0", await page.GetByTestId("import-file").EvaluateAsync<string>(
            "input => getComputedStyle(input).opacity"));
        await ChooseFileAsync(page, "import-file", contactsCsv, "import-preview");
        await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("New 2");
        await Expect(page.GetByText("Line 3: 'nope' is not a valid email address.")).ToBeVisibleAsync();
        await page.GetByTestId("import-run").ClickAsync();
        await Expect(page.GetByTestId("import-summary"))
            .ToContainTextAsync("Created 2, updated 0, unchanged 0, skipped 1.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await page.Locator("#contact-search").FillAsync("new");
        await Expect(page.GetByTestId("contacts-grid")).ToContainTextAsync("new2@example.com");

        var grantsCsv = Path.Combine(dir.Path, "grants.csv");
        await File.WriteAllTextAsync(grantsCsv,
            "email,offer\nnew1@example.com,All Access\nnew2@example.com,All Access\nghost@example.com,All Access\n");
        await page.GotoAsync(portal.BaseUrl + "/admin/grants/import");
        await ChooseFileAsync(page, "grant-file", grantsCsv, "grant-dry-run");
        await Expect(page.GetByTestId("grant-dry-run"))
            .ToContainTextAsync("2 will be granted, 0 already hold the offer (left alone), 1 row with errors");
        await page.GetByTestId("grant-apply").ClickAsync();
        await Expect(page.GetByText("2 grants applied as one batch.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo batch" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true }).ClickAsync();
        await Expect(page.GetByText("2 grants revoked.")).ToBeVisibleAsync();
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Undone "))).ToBeVisibleAsync();
    }

    /// <summary>
    /// Blazor's InputFile wires its change handler after it renders; a file chosen in that instant is not seen
    /// (a person cannot be that fast). Choose again until the page reacts.
    /// </summary>
    private static async Task ChooseFileAsync(IPage page, string input, string path, string reaction)
    {
        for (var attempt = 0; ; attempt++)
        {
            // A copy under a new name each time, so the input's value changes and the browser reports a change.
            var copy = Path.Combine(Path.GetDirectoryName(path)!, $"{attempt}-{Path.GetFileName(path)}");
            File.Copy(path, copy, overwrite: true);
            await page.GetByTestId(input).SetInputFilesAsync(copy);
            try
            {
                // Generous: under the full suite's load on 2 cores (other browser tests and the multi-node tests' two
                // portals, PostgreSQL and nginx beside this one) the preview has taken longer than 10 s to appear.
                await Expect(page.GetByTestId(reaction)).ToBeVisibleAsync(new() { Timeout = 20_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // Not seen yet: choose the file again (the last attempt's failure is the test's failure).
            }
        }
    }
}
