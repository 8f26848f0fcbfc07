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

namespace ClientPortal.Tests.Webhooks.Domain;

/// <summary>Event subscriptions: recorded events fanned out to the subscriptions that want them, signed, retried, redelivered.</summary>
public class WebhookDeliveryTests
{
    private static readonly Actor Owner = new("owner", "owner@example.com", Roles.Owner);

    private static void AllowPrivateNetworks(IServiceCollection services) =>
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new(WebhookNetwork.AllowPrivateNetworksKey, "true")]).Build());

    private static async Task DrainAsync(DomainHost host)
    {
        var dispatcher = host.Get<WebhookDispatcher>();
        while (await dispatcher.DispatchAsync(CancellationToken.None)) { }
    }

    [Fact]
    public async Task Chosen_events_are_delivered_signed_retried_with_backoff_and_redelivered_with_the_same_id()
    {
        await using var host = await DomainHost.StartAsync(configure: AllowPrivateNetworks);
        using var receiver = new WebhookReceiver();
        var webhooks = host.Get<WebhookSubscriptions>();
        var made = await webhooks.CreateAsync(receiver.Url, [PublicEvents.ContactCreated, PublicEvents.OfferGranted], Owner);
        Assert.True(made.Succeeded, made.ErrorText);
        var paused = await webhooks.CreateAsync(receiver.Url + "paused", [PublicEvents.ContactCreated], Owner);
        Assert.True((await webhooks.UpdateAsync(paused.Value!.Id, receiver.Url + "paused", [PublicEvents.ContactCreated], false, Owner)).Succeeded);

        receiver.FailNext = 1;
        var contact = await Seed.ContactAsync(host, "ada@example.com", "Ada");
        await host.Get<App.Features.Contacts.ContactDirectory>().TagAsync([contact], "not-subscribed", true, Owner);
        await DrainAsync(host);

        // One delivery (the paused subscription and the unchosen events get none); the receiver's 500 schedules a retry.
        var call = Assert.Single(receiver.Calls);
        var log = Assert.Single(await webhooks.DeliveriesAsync(made.Value!.Id));
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (log.Status, log.Attempts, log.LastStatusCode));
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime + WebhookDelivery.Backoff[0], log.NextAttemptAt);
        Assert.Empty(await webhooks.DeliveriesAsync(paused.Value.Id));

        host.Clock.Advance(WebhookDelivery.Backoff[0]);
        await DrainAsync(host);
        Assert.Equal(2, receiver.Calls.Count);
        var delivered = receiver.Calls[1];
        Assert.True(WebhookSignature.Verify(made.Value.Secret, long.Parse(delivered.Timestamp), delivered.Body, delivered.Signature));
        Assert.False(WebhookSignature.Verify(made.Value.Secret, long.Parse(delivered.Timestamp), delivered.Body.Replace("ada@", "eve@"), delivered.Signature));
        Assert.Equal(call.Delivery, delivered.Delivery);
        Assert.Equal(PublicEvents.ContactCreated, delivered.Event);
        var payload = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("contact.created", payload.GetProperty("type").GetString());
        Assert.Equal("ada@example.com", payload.GetProperty("contact").GetProperty("email").GetString());
        Assert.EndsWith("Z", payload.GetProperty("occurredAt").GetString());
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await webhooks.DeliveriesAsync(made.Value.Id)).Single().Status);

        // Redelivery from the log: the same delivery id again.
        Assert.True((await webhooks.RedeliverAsync(made.Value.Id, log.Id, Owner)).Succeeded);
        await DrainAsync(host);
        Assert.Equal(3, receiver.Calls.Count);
        Assert.Equal(call.Delivery, receiver.Calls[2].Delivery);
        Assert.False((await webhooks.RedeliverAsync(made.Value.Id, log.Id, new Actor("s", "staff@example.com", Roles.Staff))).Succeeded);
    }

    [Fact]
    public void A_delivery_is_given_up_after_its_last_backoff()
    {
        var now = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
        var delivery = new WebhookDelivery { NextAttemptAt = now, CreatedAt = now };
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
    public async Task Addresses_on_this_machine_or_a_private_network_are_refused_when_saved_and_when_called()
    {
        await using var host = await DomainHost.StartAsync();
        using var receiver = new WebhookReceiver();
        var webhooks = host.Get<WebhookSubscriptions>();
        foreach (var url in new[] { receiver.Url, "http://localhost:9/", "http://[::1]/", "http://10.0.0.8/hook", "ftp://example.com/" })
        {
            var refused = await webhooks.CreateAsync(url, [PublicEvents.ContactCreated], Owner);
            Assert.False(refused.Succeeded, url);
            Assert.Equal("Url", refused.FieldProblems.Single().Field);
        }
        Assert.False((await webhooks.CreateAsync("https://example.com/hook", [], Owner)).Succeeded);
        Assert.False((await webhooks.CreateAsync("https://example.com/hook", ["contact.exploded"], Owner)).Succeeded);

        // A public-looking name that resolves to this machine is refused where the connection is made: no call, no retry.
        await using (var db = host.NewDb())
        {
            db.WebhookSubscriptions.Add(new WebhookSubscription { Url = $"http://localhost:{new Uri(receiver.Url).Port}/hook/",
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
}
