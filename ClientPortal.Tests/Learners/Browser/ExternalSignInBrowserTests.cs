using ClientPortal.Testing;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Learners.Browser;

/// <summary>
/// "Continue with …" on /login against a real OpenID provider (panva's oidc-provider with its defaults), clicked as a
/// learner would, through the provider's own login and consent pages, back into the library.
/// </summary>
[Collection(BrowserCollection.Second)]
public class ExternalSignInBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData(false)] // the provider's defaults: email and email_verified only in the userinfo answer
    [InlineData(true)] // in the id_token as well
    public async Task A_learner_signs_in_with_the_provider_by_clicking_its_button(bool claimsInIdToken)
    {
        await using var provider = new OidcProvider();
        await using var portal = await RunningPortal.StartAsync(new Dictionary<string, string>
        {
            ["Portal__Oidc__Authority"] = provider.Authority,
            ["Portal__Oidc__ClientId"] = OidcProvider.ClientId,
            ["Portal__Oidc__ClientSecret"] = provider.ClientSecret,
            ["Portal__Oidc__DisplayName"] = "Example ID",
        });
        await provider.StartAsync(portal.BaseUrl + "/login/oidc/callback", claimsInIdToken);
        // The provider's development pages load a web font from the internet and have no icon: their errors, not ours.
        ExpectConsoleError("fonts.googleapis.com");
        ExpectConsoleError(provider.Authority + "/favicon.ico");
        await using (var host = await DomainHost.OpenAsync(portal.DataDirectory, new TestClock()))
            await SeedCourse.GrantedAsync(host, "oidc.learner@example.com", 1);

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(portal.BaseUrl + "/login");
        await page.GetByLabel("Email").FillAsync("oidc.learner@example.com");
        await page.GetByTestId("continue-email").ClickAsync();
        await page.GetByTestId("external-login-oidc").ClickAsync();

        // The provider's own pages: sign in (its development login takes the email as the account), then consent.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + provider.Authority));
        await page.Locator("input[name=login]").FillAsync("oidc.learner@example.com");
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("button[type=submit]").ClickAsync(); // consent: Continue

        // Signed in as that learner: the course granted to them.
        await Expect(page.GetByTestId("library")).ToContainTextAsync("Course for oidc.learner@example.com");
        Assert.StartsWith(portal.BaseUrl, page.Url);
        Assert.DoesNotContain("external=", page.Url);
    }
}
