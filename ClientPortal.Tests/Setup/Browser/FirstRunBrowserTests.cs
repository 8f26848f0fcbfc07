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

        // The setup link is spent.
        var late = await Chromium.NewPageAsync();
        await late.GotoAsync(setupLink);
        await Expect(late.GetByRole(AriaRole.Heading, new() { Name = "This setup link is no longer valid" }))
            .ToBeVisibleAsync();
    }
}
