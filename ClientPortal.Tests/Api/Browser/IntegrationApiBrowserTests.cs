using System.Net.Http.Headers;
using ClientPortal.Domain.Workflows;
using ClientPortal.Tests.Api.Generated;
using ClientPortal.Tests.Support;
using ClientPortal.Tests.Support.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Api.Browser;

[Collection(BrowserCollection.Second)]
public class IntegrationApiBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task
        A_key_made_in_the_admin_drives_the_main_flows_through_the_generated_client_and_stops_when_revoked()
    {
        using var receiver = new WebhookReceiver();
        await using var portal = await RunningPortal.StartAsync(new Dictionary<string,
            string> { ["Portal__Webhooks__AllowPrivateNetworks"] = "true" },
            "--demo");
        var admin = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);

        // The Owner makes a key (shown once) and subscribes a receiver to two events.
        await admin.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Expect(admin.GetByTestId("api-keys-empty")).ToBeVisibleAsync();
        await admin.Locator("#api-key-name").FillAsync("Checkout");
        await admin.GetByTestId("api-key-create").ClickAsync();
        await Expect(admin.GetByText("Choose at least one permission.")).ToBeVisibleAsync();
        foreach (var permission in new[] { "Read contacts", "Create and update contacts", "Grant and revoke offers",
            "Create and revoke magic links",
                     "Send invites and login emails" })
            await admin.GetByLabel(permission).CheckAsync();
        await admin.GetByTestId("api-key-create").ClickAsync();
        var key = (await admin.GetByTestId("api-key-token").TextContentAsync())!.Trim();
        Assert.Matches("^cpk_[A-Za-z0-9_-]{43}$", key);
        await Expect(admin.GetByTestId("api-key-row")).ToContainTextAsync("Checkout");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await admin.Locator("#webhook-url").FillAsync(receiver.Url);
        await admin.GetByLabel("An offer was granted").CheckAsync();
        await admin.GetByLabel("A contact entered the portal for the first time").CheckAsync();
        await admin.GetByTestId("webhook-create").ClickAsync();
        var secret = (await admin.GetByTestId("webhook-secret").TextContentAsync())!.Trim();

        // The generated client: upsert a contact, grant an offer, issue a link.
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var api = new PortalApiClient(http);
        var contact = await api.UpsertContactAsync(Guid.NewGuid().ToString(),
            new ContactUpsert { Email = "api.buyer@example.com", FirstName = "Api" });
        var offer = (await api.ListOffersAsync()).Single(o => o.Name == "Starter: Photography");
        await api.GrantOfferAsync(contact.Id, Guid.NewGuid().ToString(), new GrantRequest { OfferId = offer.Id });
        var link = await api.IssueMagicLinkAsync(contact.Id, Guid.NewGuid().ToString(),
            new MagicLinkRequest { Section = "courses" });

        // Redeemed in a fresh browser: the learner is in, and sees what the grant gave.
        var learner = await LearnerLibrary.EnterAsync(await Chromium.NewPageAsync(), link.Url);
        await Expect(learner.Products).ToContainTextAsync("Photography Foundations");

        // A login email queued through the API is sent by the job and shows in the Mailbox.
        var queued = await api.SendLoginEmailsAsync(Guid.NewGuid().ToString(),
            new SendRequest { ContactIds = [contact.Id] });
        Assert.Equal(1, queued.Recipients);
        for (var waited = 0; !(await api.GetJobAsync(queued.JobId!.Value)).Completed; waited++)
        {
            Assert.True(waited < 120, "the login email job did not finish in 60 s");
            await Task.Delay(500);
        }
        await admin.GetByRole(AriaRole.Link, new() { Name = "Mailbox" }).ClickAsync();
        await Expect(admin.GetByTestId("mailbox-grid")).ToContainTextAsync("api.buyer@example.com");

        // The receiver got both chosen events, signed with the secret the Webhooks page showed.
        for (var waited = 0; receiver.Calls.Count < 2; waited++)
        {
            Assert.True(waited < 120, $"the receiver got {receiver.Calls.Count} of 2 events in 60 s");
            await Task.Delay(500);
        }
        Assert.Equal(["offer.granted", "portal.joined"], receiver.Calls.Select(c => c.Event!).Order());
        Assert.All(receiver.Calls,
            c => Assert.True(WebhookSignature.Verify(secret, long.Parse(c.Timestamp), c.Body, c.Signature)));
        await admin.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await admin.GetByTestId("webhook-log").ClickAsync();
        await Expect(admin.GetByTestId("webhook-deliveries")).ToContainTextAsync("Delivered (HTTP 204)");

        // Revoked in the admin: the next call is refused.
        await admin.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await admin.GetByTestId("api-key-revoke").ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("api-key-row")).ToContainTextAsync("Revoked");
        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => api.ListOffersAsync());
        Assert.Equal(401, refused.StatusCode);
    }
}
