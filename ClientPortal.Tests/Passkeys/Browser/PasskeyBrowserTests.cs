using System.Text.Json;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Passkeys.Browser;

/// <summary>Passkeys in Chromium with its WebAuthn virtual authenticator (over the DevTools protocol).</summary>
[Collection(BrowserCollection.Second)]
public class PasskeyBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    /// <summary>A page whose browser holds a platform authenticator that verifies the user at once (a fingerprint that
    /// always matches).</summary>
    private async Task<(IPage Page, ICDPSession Cdp, string AuthenticatorId)> PageWithAuthenticatorAsync()
    {
        var page = await Chromium.NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                    ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        return (page, cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    private static async Task<List<JsonElement>> CredentialsAsync(ICDPSession cdp, string authenticatorId)
    {
        var result = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string,
            object> { ["authenticatorId"] = authenticatorId });
        return result!.Value.GetProperty("credentials").EnumerateArray().ToList();
    }

    /// <summary>The same passkey in another browser (as a synced passkey would be), optionally claimed for another
    /// site.</summary>
    private static async Task CopyAsync(JsonElement credential, ICDPSession cdp, string authenticatorId,
        string? rpId = null)
    {
        var copy = JsonSerializer.Deserialize<Dictionary<string, object>>(credential.GetRawText())!;
        if (rpId is not null) copy["rpId"] = rpId;
        await cdp.SendAsync("WebAuthn.addCredential", new Dictionary<string,
            object> { ["authenticatorId"] = authenticatorId, ["credential"] = copy });
    }

    [Fact]
    public async Task A_learner_adds_a_passkey_after_a_link_and_signs_in_with_it_elsewhere_until_it_is_removed()
    {
        await using var portal = await RunningPortal.StartOnLocalhostAsync("--demo");
        // Demo contact #2 holds "Starter: Photography" (Photography Foundations only).
        var (code, output) = await portal.RunCommandAsync("magic-link", "--email", "maya.novak.2@example.com",
            $"--Portal:PublicBaseUrl={portal.BaseUrl}");
        Assert.True(code == 0, output);
        var link = output.Split('\n').First(l => l.Contains("/l/")).Trim();

        var (first, firstCdp, firstAuthenticator) = await PageWithAuthenticatorAsync();
        await first.GotoAsync(link);
        await first.GetByTestId("continue").ClickAsync();
        await Expect(first.GetByTestId("library")).ToBeVisibleAsync();
        // After a sign-in by link, the library offers a passkey, quietly; "Not now" rests the offer.
        await Expect(first.GetByTestId("passkey-offer")).ToContainTextAsync("Sign in faster next time — add a passkey");
        Directory.CreateDirectory(Screenshots.Folder);
        await first.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "learner-passkey-offer.png") });
        await first.GetByTestId("offer-not-now").ClickAsync();
        await Expect(first.GetByTestId("library")).ToBeVisibleAsync();
        await Expect(first.GetByTestId("passkey-offer")).ToHaveCountAsync(0);
        await first.GotoAsync(portal.BaseUrl + "/profile");
        await Expect(first.GetByTestId("no-passkeys")).ToBeVisibleAsync();
        await first.GetByTestId("add-passkey").ClickAsync();
        await Expect(first.GetByTestId("passkey-message")).ToContainTextAsync("Passkey added");
        await Expect(first.GetByTestId("passkey-row")).ToHaveCountAsync(1);
        await Expect(first.GetByTestId("passkey-row")).ToContainTextAsync("not used yet");
        // "Sign out everywhere" ends this browser's session and leaves the passkey alone: on the sign-in page the
        // browser offers it (autofill, which this stand-in authenticator accepts at once) and it signs the learner back
        // in.
        await first.GetByTestId("sign-out-everywhere").ClickAsync();
        await Expect(first.GetByTestId("library")).ToBeVisibleAsync();
        // Copied now, with the counter the portal has seen: a copy behind it would be taken for a cloned authenticator.
        var credential = Assert.Single(await CredentialsAsync(firstCdp, firstAuthenticator));
        Assert.Equal("localhost", credential.GetProperty("rpId").GetString());
        Assert.True(credential.GetProperty("isResidentCredential").GetBoolean());

        // Another browser holding that passkey: no email, no click (the browser offers it as autofill on the email
        // field, which this stand-in authenticator accepts at once), into the library with only what was granted.
        var (second, secondCdp, secondAuthenticator) = await PageWithAuthenticatorAsync();
        await CopyAsync(credential, secondCdp, secondAuthenticator);
        await second.GotoAsync(portal.BaseUrl + "/login");
        await Expect(second).ToHaveURLAsync(portal.BaseUrl + "/");
        var library = second.GetByTestId("library");
        await Expect(library).ToContainTextAsync("Photography Foundations");
        await Expect(library).Not.ToContainTextAsync("Sourdough at Home");

        // The profile shows the use; renaming keeps it; removing it stops it at once.
        await second.GotoAsync(portal.BaseUrl + "/profile");
        await Expect(second.GetByTestId("passkey-row")).ToContainTextAsync("last used");
        await second.GetByTestId("passkey-name").FillAsync("My phone");
        await second.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(second.GetByTestId("passkey-message")).ToContainTextAsync("Passkey renamed");
        await Expect(second.GetByTestId("passkey-name")).ToHaveValueAsync("My phone");
        await second.GetByTestId("passkeys")
            .ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "learner-passkeys.png") });
        // The passkey as it stands after that sign-in (its counter moved on), so only the removal can stop the next
        // one.
        var latest = Assert.Single(await CredentialsAsync(secondCdp, secondAuthenticator));
        await second.GetByTestId("passkey-remove").ClickAsync();
        await Expect(second.GetByTestId("passkey-message")).ToContainTextAsync("Passkey removed");
        await Expect(second.GetByTestId("no-passkeys")).ToBeVisibleAsync();

        // The removed passkey, offered again (autofill), is refused; so is a press of the button.
        var (third, thirdCdp, thirdAuthenticator) = await PageWithAuthenticatorAsync();
        await CopyAsync(latest, thirdCdp, thirdAuthenticator);
        await third.GotoAsync(portal.BaseUrl + "/login");
        await Expect(third.GetByTestId("passkey-problem")).ToContainTextAsync("That passkey did not sign you in");
        await third.GetByTestId("passkey-sign-in").ClickAsync();
        await Expect(third).ToHaveURLAsync(portal.BaseUrl + "/login?passkey=failed");
        await Expect(third.GetByTestId("passkey-problem")).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, await StatusOfHomeAsync(third));
    }

    [Fact]
    public async Task A_passkey_made_for_another_site_or_of_a_deleted_contact_does_not_sign_in()
    {
        await using var portal = await RunningPortal.StartOnLocalhostAsync("--demo");
        var (code, output) = await portal.RunCommandAsync("magic-link", "--email", "maya.novak.2@example.com",
            $"--Portal:PublicBaseUrl={portal.BaseUrl}");
        Assert.True(code == 0, output);
        var (first, firstCdp, firstAuthenticator) = await PageWithAuthenticatorAsync();
        await first.GotoAsync(output.Split('\n').First(l => l.Contains("/l/")).Trim());
        await first.GetByTestId("continue").ClickAsync();
        await first.GetByTestId("offer-add-passkey").ClickAsync();
        await Expect(first.GetByTestId("passkey-message")).ToContainTextAsync("Passkey added");
        await Expect(first.GetByTestId("passkey-offer")).ToHaveCountAsync(0);
        var credential = Assert.Single(await CredentialsAsync(firstCdp, firstAuthenticator));

        // The same key pair and user, but made for another host: this portal's sign-in never gets it.
        var (other, otherCdp, otherAuthenticator) = await PageWithAuthenticatorAsync();
        await CopyAsync(credential, otherCdp, otherAuthenticator, rpId: "portal.example");
        await other.GotoAsync(portal.BaseUrl + "/login");
        await other.GetByTestId("passkey-sign-in").ClickAsync();
        await Expect(other.Locator("[data-passkey-error]").First).ToContainTextAsync("cancelled or timed out");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, await StatusOfHomeAsync(other));

        // The team deletes the contact: their real passkey is refused like any other.
        await using (var db = PortalDatabase.Standalone(PortalDatabase.ConnectionString(portal.DataDirectory)))
        {
            var contact = await db.Contacts.SingleAsync(c => c.Email == "maya.novak.2@example.com");
            contact.Delete(0, Seed.Admin, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        var (gone, goneCdp, goneAuthenticator) = await PageWithAuthenticatorAsync();
        await CopyAsync(credential, goneCdp, goneAuthenticator);
        await gone.GotoAsync(portal.BaseUrl + "/login");
        await Expect(gone.GetByTestId("passkey-problem")).ToContainTextAsync("That passkey did not sign you in");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, await StatusOfHomeAsync(gone));
    }

    [Fact]
    public async Task A_team_member_with_a_passkey_signs_in_without_a_password_or_a_code()
    {
        await using var portal = await RunningPortal.StartOnLocalhostAsync();
        var (code, output) = await portal.RunCommandAsync("create-owner", "--email", AdminBrowser.OwnerEmail,
            "--password", AdminBrowser.OwnerPassword);
        Assert.True(code == 0, output);
        var (owner, ownerCdp, ownerAuthenticator) = await PageWithAuthenticatorAsync();
        await owner.GotoAsync(portal.BaseUrl + "/account/login");
        await owner.GetByLabel("Email").FillAsync(AdminBrowser.OwnerEmail);
        await owner.GetByLabel("Password").FillAsync(AdminBrowser.OwnerPassword);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(owner.GetByTestId("invited-count")).ToBeVisibleAsync();
        await owner.GotoAsync(portal.BaseUrl + "/admin/profile");
        await owner.GetByTestId("add-passkey").ClickAsync();
        await Expect(owner.GetByTestId("passkey-message")).ToContainTextAsync("Passkey added");
        var credential = Assert.Single(await CredentialsAsync(ownerCdp, ownerAuthenticator));

        var (other, otherCdp, otherAuthenticator) = await PageWithAuthenticatorAsync();
        await CopyAsync(credential, otherCdp, otherAuthenticator);
        await other.GotoAsync(portal.BaseUrl + "/account/login");
        await other.GetByTestId("passkey-sign-in").ClickAsync();
        await Expect(other.GetByTestId("invited-count")).ToBeVisibleAsync();
        Assert.StartsWith(portal.BaseUrl + "/admin", other.Url);
    }

    /// <summary>What "/" answers this page's cookies without following redirects: 200 when signed in, a redirect to
    /// sign-in when not.</summary>
    private static async Task<System.Net.HttpStatusCode> StatusOfHomeAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), "/").ToString(),
            new() { MaxRedirects = 0 });
        return (System.Net.HttpStatusCode)response.Status;
    }
}
