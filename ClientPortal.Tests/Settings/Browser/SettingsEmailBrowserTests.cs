using ClientPortal.Testing;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Settings.Browser;

[Collection(BrowserCollection.Second)]
public class SettingsEmailBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Send_test_email_says_the_server_took_it_or_why_it_did_not()
    {
        await using var sink = await SmtpSink.StartAsync();
        // TLS required, against a server that offers none: the reason comes back to the Owner on the page.
        var environment = sink.PortalEnvironment();
        environment["Email__Smtp__EnableTls"] = "true";
        await using var portal = await RunningPortal.StartAsync(environment);
        var page = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);

        await page.GotoAsync(portal.BaseUrl + "/admin/settings");
        await page.GetByLabel("Test email address").FillAsync("me@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test email" }).ClickAsync();
        // The page answers once the first delivery attempt has ended, however long the server took.
        var result = page.GetByTestId("test-email-result");
        await Expect(result).ToContainTextAsync("Not delivered", new() { Timeout = 90_000 });
        await Expect(result).ToContainTextAsync("STARTTLS");
        Assert.Equal(0, sink.Accepted);
    }
}
