using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using ClientPortal.Tests.Support.Pages;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Contacts.Browser;

[Collection(BrowserCollection.Second)]
public class ContactCardBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Adding_an_offer_on_the_card_shows_its_product_and_the_chip_x_revokes_it()
    {
        await using var portal = await RunningPortal.StartAsync(args: "--demo");
        var admin = await AdminShell.SignInAsOwnerAsync(Chromium, portal);

        // A new contact, added from the grid. Navigating moves focus to the new page's heading (for screen readers).
        var contacts = await admin.ContactsAsync();
        await Expect(admin.Page.Locator("h1")).ToBeFocusedAsync();
        await contacts.AddAsync("pat@example.com");
        var card = await contacts.OpenAsync("pat@example.com");
        await Expect(card.NoVisibleProducts).ToBeVisibleAsync();

        // Grant by picking the offer.
        await card.GrantAsync("Starter: Photography");
        await Expect(card.VisibleProducts).ToContainTextAsync("Photography Foundations");

        // Revoke with the chip's ✕: a stray click changes nothing until the question is answered.
        var question = await card.AskToRevokeAsync();
        await Expect(question).ToContainTextAsync("Revoke “Starter: Photography” from pat@example.com?");
        await Expect(card.VisibleProducts).ToContainTextAsync("Photography Foundations");
        await ContactCardPage.ConfirmRevokeAsync(question);
        await Expect(card.NoVisibleProducts).ToBeVisibleAsync();
        await Expect(card.AuditTrail).ToContainTextAsync("Revoked Starter: Photography");

        // The change is in the database and its audit log.
        await using var db = new SqliteConnection(PortalDatabase.ConnectionString(portal.DataDirectory));
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT g.RevokedAt IS NOT NULL, g.GrantedBy, g.RevokedBy,
                   (SELECT COUNT(*) FROM AuditEvents a
                    WHERE a.ContactId = c.Id AND a.Action IN ('grant.add', 'grant.revoke'))
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
