using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Contacts.Browser;

[Collection(BrowserCollection.Name)]
public class ContactCardBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Adding_an_offer_on_the_card_shows_its_product_and_the_chip_x_revokes_it()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var page = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);

        // A new contact, added from the grid.
        await page.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).ClickAsync();
        // Navigating moves focus to the new page's heading (for screen readers).
        await Expect(page.Locator("h1")).ToHaveTextAsync("Contacts");
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await page.GetByTestId("add-contact").ClickAsync();
        await page.Locator("#new-contact-email").FillAsync("pat@example.com");
        await page.GetByTestId("new-contact-save").ClickAsync();
        await page.Locator("#contact-search").FillAsync("pat@");
        await page.GetByRole(AriaRole.Link, new() { Name = "pat@example.com" }).ClickAsync();
        await Expect(page.GetByTestId("contact-name")).ToHaveTextAsync("pat@example.com");
        await Expect(page.GetByTestId("visible-products-empty")).ToBeVisibleAsync();

        // Grant by picking the offer.
        await page.GetByTestId("grant-offer").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Starter: Photography" }).ClickAsync();
        await Expect(page.GetByTestId("visible-products")).ToContainTextAsync("Photography Foundations");
        await Expect(page.GetByTestId("audit-trail")).ToContainTextAsync("Granted Starter: Photography");

        // Revoke with the chip's ✕: a stray click changes nothing until the question is answered.
        await page.GetByTestId("offers-field").Locator(".mud-chip-close-button").ClickAsync();
        var question = page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke offer" });
        await Expect(question).ToContainTextAsync("Revoke “Starter: Photography” from pat@example.com?");
        await Expect(page.GetByTestId("visible-products")).ToContainTextAsync("Photography Foundations");
        await question.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByTestId("visible-products-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-trail")).ToContainTextAsync("Revoked Starter: Photography");

        // The change is in the database and its audit log.
        await using var db = new SqliteConnection(PortalDatabase.ConnectionString(portal.DataDirectory));
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT g.RevokedAt IS NOT NULL, g.GrantedBy, g.RevokedBy,
                   (SELECT COUNT(*) FROM AuditEvents a WHERE a.ContactId = c.Id AND a.Action IN ('grant.add', 'grant.revoke'))
            FROM Grants g JOIN Contacts c ON c.Id = g.ContactId JOIN Offers o ON o.Id = g.OfferId
            WHERE c.NormalizedEmail = 'pat@example.com' AND o.Name = 'Starter: Photography'
            """;
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.Equal(AdminBrowser.OwnerEmail, reader.GetString(1));
        Assert.Equal(AdminBrowser.OwnerEmail, reader.GetString(2));
        Assert.Equal(2, reader.GetInt32(3));
        Assert.False(await reader.ReadAsync());
    }
}
