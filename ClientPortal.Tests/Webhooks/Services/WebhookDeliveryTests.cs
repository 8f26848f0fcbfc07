using System.Text.Json;
using ClientPortal.App.Features.Webhooks;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Webhooks;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Webhooks.Services;

/// <summary>Event subscriptions: recorded events fanned out to the subscriptions that want them, signed, retried,
/// redelivered.</summary>
public class WebhookDeliveryTests
{
    private static readonly Actor Owner = new("owner", "owner@example.com", Roles.Owner);

    private static async Task DrainAsync(DomainHost host)
    {
        var dispatcher = host.Get<WebhookDispatcher>();
        while (await dispatcher.DispatchAsync(CancellationToken.None)) { }
    }

    /// <summary>A subscription to two events and a paused one; then Ada is created and tagged (an event nobody
    /// chose), and the dispatcher drains.</summary>
    private static async Task<(WebhookSubscriptions Webhooks, long Made, string Secret, long Paused)> AdaAsync(
        DomainHost host, WebhookReceiver receiver)
    {
        var webhooks = host.Get<WebhookSubscriptions>();
        var made = await webhooks.CreateAsync(receiver.Url, [PublicEvents.ContactCreated, PublicEvents.OfferGranted],
            Owner);
        Assert.True(made.Succeeded, made.ErrorText);
        var paused = await webhooks.CreateAsync(receiver.Url + "paused", [PublicEvents.ContactCreated], Owner);
        Assert.True((await webhooks.UpdateAsync(paused.Value!.Id, receiver.Url + "paused",
            [PublicEvents.ContactCreated],
            false, Owner)).Succeeded);
        var contact = await Seed.ContactAsync(host, "ada@example.com", "Ada");
        await host.Get<App.Features.Contacts.ContactDirectory>().TagAsync([contact], "not-subscribed", true, Owner);
        await DrainAsync(host);
        return (webhooks, made.Value!.Id, made.Value.Secret, paused.Value.Id);
    }

    [Fact]
    public async Task Only_chosen_events_of_active_subscriptions_are_delivered_signed()
    {
        await using var host = await DomainHost.StartAsync(configure: DomainHost.AllowPrivateNetworks);
        using var receiver = new WebhookReceiver();
        var (webhooks, made, secret, paused) = await AdaAsync(host, receiver);

        // One delivery: the paused subscription and the unchosen events get none.
        var delivered = Assert.Single(receiver.Calls);
        Assert.Empty(await webhooks.DeliveriesAsync(paused));
        Assert.True(WebhookSignature.Verify(secret, long.Parse(delivered.Timestamp), delivered.Body,
            delivered.Signature));
        Assert.False(WebhookSignature.Verify(secret, long.Parse(delivered.Timestamp),
            delivered.Body.Replace("ada@", "eve@"), delivered.Signature));
        Assert.Equal(PublicEvents.ContactCreated, delivered.Event);
        var payload = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("contact.created", payload.GetProperty("type").GetString());
        Assert.Equal("ada@example.com", payload.GetProperty("contact").GetProperty("email").GetString());
        Assert.EndsWith("Z", payload.GetProperty("occurredAt").GetString());
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await webhooks.DeliveriesAsync(made)).Single().Status);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_backoff_under_the_same_id()
    {
        await using var host = await DomainHost.StartAsync(configure: DomainHost.AllowPrivateNetworks);
        using var receiver = new WebhookReceiver { FailNext = 1 };
        var (webhooks, made, _, _) = await AdaAsync(host, receiver);

        var log = Assert.Single(await webhooks.DeliveriesAsync(made));
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (log.Status, log.Attempts, log.LastStatusCode));
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime + WebhookDelivery.Backoff[0], log.NextAttemptAt);

        host.Clock.Advance(WebhookDelivery.Backoff[0]);
        await DrainAsync(host);
        Assert.Equal(2, receiver.Calls.Count);
        Assert.Equal(receiver.Calls[0].Delivery, receiver.Calls[1].Delivery);
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await webhooks.DeliveriesAsync(made)).Single().Status);
    }

    [Fact]
    public async Task An_admin_redelivers_from_the_log_under_the_same_id()
    {
        await using var host = await DomainHost.StartAsync(configure: DomainHost.AllowPrivateNetworks);
        using var receiver = new WebhookReceiver();
        var (webhooks, made, _, _) = await AdaAsync(host, receiver);
        var log = Assert.Single(await webhooks.DeliveriesAsync(made));

        Assert.True((await webhooks.RedeliverAsync(made, log.Id, Owner)).Succeeded);
        await DrainAsync(host);
        Assert.Equal(2, receiver.Calls.Count);
        Assert.Equal(receiver.Calls[0].Delivery, receiver.Calls[1].Delivery);
        Assert.False((await webhooks.RedeliverAsync(made, log.Id,
            new Actor("s", "staff@example.com", Roles.Staff))).Succeeded);
    }

    [Fact]
    public void A_delivery_is_given_up_after_its_last_backoff()
    {
        var now = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
        var delivery = WebhookDelivery.Due(1, 1, now);
        foreach (var wait in WebhookDelivery.Backoff)
        {
            delivery.AttemptFailed(503, "HTTP 503", now);
            Assert.Equal((WebhookDeliveryStatus.Pending, now + wait), (delivery.Status, delivery.NextAttemptAt));
        }
        delivery.AttemptFailed(503, "HTTP 503", now);
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        delivery.Redeliver(now);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
    }

    [Fact]
    public void A_failure_that_would_fail_again_gives_up_at_once()
    {
        var now = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
        var delivery = WebhookDelivery.Due(1, 1, now);
        delivery.AttemptFailed(307, "a redirect, which webhooks do not follow", now, retry: false);
        Assert.Equal((WebhookDeliveryStatus.Failed, 1), (delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task Addresses_on_this_machine_or_a_private_network_are_refused_when_saved_and_when_called()
    {
        await using var host = await DomainHost.StartAsync();
        using var receiver = new WebhookReceiver();
        var webhooks = host.Get<WebhookSubscriptions>();
        foreach (var url in new[] { receiver.Url, "http://localhost:9/", "http://[::1]/", "http://10.0.0.8/hook",
            "ftp://example.com/" })
        {
            var refused = await webhooks.CreateAsync(url, [PublicEvents.ContactCreated], Owner);
            Assert.False(refused.Succeeded, url);
            Assert.Equal("Url", refused.FieldProblems.Single().Field);
        }
        Assert.False((await webhooks.CreateAsync("https://example.com/hook", [], Owner)).Succeeded);
        Assert.False((await webhooks.CreateAsync("https://example.com/hook", ["contact.exploded"], Owner)).Succeeded);

        // A public-looking name that resolves to this machine is refused where the connection is made: no call, no
        // retry.
        await using (var db = host.NewDb())
        {
            db.WebhookSubscriptions.Add(new WebhookSubscription { Url =
                $"http://localhost:{new Uri(receiver.Url).Port}/hook/",
                Events = PublicEvents.ContactCreated, Secret = WorkflowDefinition.NewSecret() });
            await db.SaveChangesAsync();
        }
        await Seed.ContactAsync(host, "ada@example.com");
        await DrainAsync(host);
        await using var check = host.NewDb();
        var delivery = await check.WebhookDeliveries.SingleAsync();
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Contains("private network", delivery.LastError);
        Assert.Empty(receiver.Calls);
    }

    [Fact]
    public async Task Deliveries_verify_with_the_Standard_Webhooks_library()
    {
        await using var host = await DomainHost.StartAsync(configure: DomainHost.AllowPrivateNetworks);
        // The library refuses timestamps more than five minutes from its own clock.
        host.Clock.Advance(DateTimeOffset.UtcNow - host.Clock.GetUtcNow());
        using var receiver = new WebhookReceiver();
        var made = await host.Get<WebhookSubscriptions>()
            .CreateAsync(receiver.Url, [PublicEvents.ContactCreated], Owner);
        Assert.StartsWith("whsec_", made.Value!.Secret);
        await Seed.ContactAsync(host, "ada@example.com", "Ada");
        await DrainAsync(host);

        var call = Assert.Single(receiver.Calls);
        var standard = Assert.Single(receiver.StandardHeaders);
        Assert.Equal(call.Delivery, standard.Id);
        using var dir = new TempDirectory();
        var payload = Path.Combine(dir.Path, "call.json");
        await File.WriteAllTextAsync(payload, JsonSerializer.Serialize(new
        {
            secret = made.Value.Secret, body = call.Body,
            headers = new Dictionary<string, string>
            {
                ["webhook-id"] = standard.Id, ["webhook-timestamp"] = standard.Timestamp,
                    ["webhook-signature"] = standard.Signature,
            },
        }));
        var (exit, output) = await ClientPortal.Testing.NodeTools.RunAsync(TimeSpan.FromMinutes(1),
            "verify-webhook.mjs",
            payload);
        Assert.True(exit == 0, output);
        Assert.Contains("verified contact.created", output);
        Assert.Contains("refused a changed body", output);
        Assert.Contains("refused another secret", output);
    }

    [Fact]
    public async Task A_redirect_is_a_failed_delivery_and_is_not_followed()
    {
        await using var host = await DomainHost.StartAsync(configure: DomainHost.AllowPrivateNetworks);
        using var elsewhere = new WebhookReceiver();
        using var receiver = new WebhookReceiver
        {
            Answer = response =>
            {
                response.StatusCode = 307;
                response.RedirectLocation = elsewhere.Url;
                return Task.CompletedTask;
            },
        };
        var made = await host.Get<WebhookSubscriptions>()
            .CreateAsync(receiver.Url, [PublicEvents.ContactCreated], Owner);
        await Seed.ContactAsync(host, "ada@example.com");
        await DrainAsync(host);

        Assert.Single(receiver.Calls);
        Assert.Empty(elsewhere.Calls);
        var log = Assert.Single(await host.Get<WebhookSubscriptions>().DeliveriesAsync(made.Value!.Id));
        Assert.Equal((WebhookDeliveryStatus.Pending, 307), (log.Status, log.LastStatusCode));
        Assert.Contains("redirect", log.LastError);
    }

    [Theory]
    [InlineData("64:ff9b::7f00:1")] // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254, the cloud metadata service
    [InlineData("64:ff9b:1::c0a8:101")] // NAT64's local-use prefix
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1")] // 6to4 of 192.168.1.1
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("::10.0.0.1")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo whose client is 127.0.0.1 (bits flipped)
    [InlineData("2001:0:7f00:1:8000:63bf:3fff:fdd2")] // Teredo whose server is 127.0.0.1
    [InlineData("2001:db8::1")] // documentation
    public void IPv6_forms_that_carry_a_private_IPv4_address_are_not_public(string address) =>
        Assert.False(WebhookNetwork.IsPublic(System.Net.IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("64:ff9b::5db8:d822")] // NAT64 of 93.184.216.34
    [InlineData("2002:5db8:d822::1")] // 6to4 of 93.184.216.34
    [InlineData("2001:0:4136:e378:8000:63bf:a247:29dd")] // Teredo, public server and client
    public void IPv6_forms_that_carry_a_public_IPv4_address_are_public(string address) =>
        Assert.True(WebhookNetwork.IsPublic(System.Net.IPAddress.Parse(address)), address);

    [Fact]
    public async Task Trailing_dot_names_transition_forms_and_this_servers_own_addresses_are_refused_when_saved()
    {
        await using var host = await DomainHost.StartAsync();
        var webhooks = host.Get<WebhookSubscriptions>();
        var own = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)
            .Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                && !System.Net.IPAddress.IsLoopback(a)).ToList();
        var urls = new List<string> { "http://localhost./hook", "http://127.0.0.1./hook", "http://LOCALHOST.:8080/",
            "http://[64:ff9b::7f00:1]/hook",
            "http://[2002:7f00:1::1]/", "http://[::127.0.0.1]/" };
        urls.AddRange(own.Select(a => $"http://{a}/hook"));
        foreach (var url in urls)
        {
            var refused = await webhooks.CreateAsync(url, [PublicEvents.ContactCreated], Owner);
            Assert.False(refused.Succeeded, url);
            Assert.Contains("private network", refused.FieldProblems.Single(p => p.Field == "Url").Message);
        }
        // Whatever this machine's own addresses are (a public one too), the connection's check refuses them.
        Assert.All(own, a => Assert.True(WebhookNetwork.IsThisServer(a), a.ToString()));
    }
}
