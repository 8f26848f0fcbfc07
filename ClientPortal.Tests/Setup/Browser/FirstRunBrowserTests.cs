using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Setup.Browser;

[Collection(BrowserCollection.Name)]
public class FirstRunBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Password = "Str0ng!Passw0rd";

    [Fact]
    public async Task Printed_setup_link_creates_the_owner_who_lands_on_an_interactive_dashboard()
    {
        await using var portal = await RunningPortal.StartAsync();
        var setupLink = await portal.SetupLinkAsync();
        Assert.StartsWith(portal.BaseUrl + "/setup/", setupLink);

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(setupLink);
        await page.GetByLabel("Your name").FillAsync("Olive Owner");
        await page.GetByLabel("Email").FillAsync("owner@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create Owner and sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/admin");
        await Expect(page.GetByTestId("invited-count")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("active-count")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("owner@example.com");
        await Expect(page.GetByTestId("portal-url")).ToHaveTextAsync(portal.BaseUrl);

        // Interactive: the Team page's invite form runs over the circuit and shows a one-time link.
        await page.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/admin/team");
        await page.GetByTestId("invite-email").FillAsync("sam@example.com");
        await page.GetByTestId("invite-submit").ClickAsync();
        var inviteLink = page.GetByTestId("invite-link");
        await Expect(inviteLink).ToContainTextAsync(portal.BaseUrl + "/account/accept/");
        await Expect(page.GetByTestId("team-grid")).ToContainTextAsync("sam@example.com");
        var link = await inviteLink.TextContentAsync();

        // The invited Staff member sets a password in another Chromium and sees no Team page.
        var staff = await Chromium.NewPageAsync();
        await staff.GotoAsync(link!);
        await staff.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await staff.GetByLabel("Confirm password").FillAsync(Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(portal.BaseUrl + "/admin");
        await Expect(staff.GetByTestId("signed-in-user")).ToHaveTextAsync("sam@example.com");
        await Expect(staff.GetByRole(AriaRole.Link, new() { Name = "Team" })).ToHaveCountAsync(0);
        await staff.GotoAsync(portal.BaseUrl + "/admin/team");
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "You don't have access to this page" }))
            .ToBeVisibleAsync();

        // The Owner hands the portal to Sam, confirming with their password (a wrong one is refused and cleared).
        await page.ReloadAsync();
        await page.GetByTestId("team-grid").Locator("tr", new() { HasText = "sam@example.com" })
            .GetByTestId("transfer-ownership").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Transfer ownership" });
        await dialog.Locator("#transfer-password").FillAsync("not my password");
        await dialog.GetByTestId("transfer-confirm").ClickAsync();
        await Expect(dialog).ToContainTextAsync("That is not your password.");
        await Expect(dialog.Locator("#transfer-password")).ToHaveValueAsync("");
        await dialog.Locator("#transfer-password").FillAsync(Password);
        await dialog.GetByTestId("transfer-confirm").ClickAsync();
        // The former Owner's session ended with the role; signed in again, they are an Admin (no Settings).
        await Expect(page.GetByTestId("transferred")).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync("owner@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("team-grid")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        // Sam's role changed too, so Sam signs in again, as the Owner.
        await staff.GotoAsync(portal.BaseUrl + "/admin/settings");
        await staff.GetByLabel("Email").FillAsync("sam@example.com");
        await staff.GetByLabel("Password").FillAsync(Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Settings", Exact = true })).ToBeVisibleAsync();

        // The setup link is spent.
        var late = await Chromium.NewPageAsync();
        await late.GotoAsync(setupLink);
        await Expect(late.GetByRole(AriaRole.Heading, new() { Name = "This setup link is no longer valid" }))
            .ToBeVisibleAsync();
    }
}
