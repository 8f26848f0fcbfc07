using System.Text.Json;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Infrastructure.Settings;
using ClientPortal.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Webhooks;

/// <summary>Wakes the dispatcher when a public event was recorded or a delivery is due again.</summary>
public sealed class WebhookSignal : WakeSignal, IDomainEventHandler<IDomainEvent>
{
    public Task HandleAsync(IDomainEvent e)
    {
        if (PublicEvents.From(e) is not null) Notify();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Delivers recorded events to their subscriptions: fans new events out into deliveries, then posts the due ones (the
/// event as the API's feed shows it, signed like the workflow webhooks), retrying with backoff until the receiver
/// answers 2xx or the attempts run out. A delivery is leased to one node while it is being posted.
/// </summary>
public sealed class WebhookDispatcher(IDbContextFactory<PortalDbContext> dbFactory, WebhookSignal signal,
    IHttpClientFactory http,
    PortalNode node, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : SignalledWorker(signal, TimeSpan.FromSeconds(5), logger)
{
    public const string EventHeader = "X-Portal-Event";

    protected override Task<bool> WorkAsync(CancellationToken ct) => DispatchAsync(ct);

    // Every sign-in, grant and lesson records a public event and wakes this worker: a fifth of a second lets a busy
    // moment's events go out in one round, which a receiver never notices.
    protected override TimeSpan Gather => TimeSpan.FromMilliseconds(200);

    /// <summary>One round: new events into deliveries, then the due deliveries posted.</summary>
    /// <returns>True when there was something to do.</returns>
    public async Task<bool> DispatchAsync(CancellationToken ct)
    {
        int fanned;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            fanned = await db.FanOutAsync(clock.GetUtcNow().UtcDateTime, 500, ct);
        return fanned > 0 | await DeliverDueAsync(ct) > 0;
    }

    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A read first: the claim is a write, and this runs after every recorded event, beside the writes that recorded
        // them.
        if (!await db.WebhookDeliveries.AnyAsync(d => d.Status == WebhookDeliveryStatus.Pending
            && d.NextAttemptAt <= now, ct)) return 0;
        var claimed = await db.ClaimDueDeliveriesAsync(now, node.Name, 20, ct);
        if (claimed.Count == 0) return 0;
        var deliveries = await db.WebhookDeliveries.Where(d => claimed.Contains(d.Id)).ToListAsync(ct);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => deliveries.Select(d => d.SubscriptionId).Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, ct);
        var eventIds = deliveries.Select(d => d.EventId).Distinct().ToList();
        var events = (await PortalEventFeed.DescribeAsync(db, await db.PortalEvents.AsNoTracking()
            .Where(e => eventIds.Contains(e.Id)).ToListAsync(ct), ct))
            .ToDictionary(e => e.Id);
        // Posted side by side: one slow receiver must not hold the others' events.
        await Parallel.ForEachAsync(deliveries,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (delivery, token) =>
        {
            var subscription = subscriptions[delivery.SubscriptionId];
            var e = events[delivery.EventId];
            var body = JsonSerializer.Serialize(e, Hosting.ApiJson.Options);
            var result = await SignedPost.SendAsync(http, subscription.Url, subscription.Secret,
                delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                body, clock.GetUtcNow(), token, (EventHeader, e.Type));
            var at = clock.GetUtcNow().UtcDateTime;
            if (result.Delivered) delivery.Succeeded(result.Status ?? 200, at);
            else
            {
                delivery.AttemptFailed(result.Status, result.Detail, at, result.Retry);
                logger.LogWarning("Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed: {Detail}",
                    delivery.Id, subscription.Id,
                    result.Detail);
            }
        });
        await db.SaveChangesAsync(ct);
        return deliveries.Count;
    }
}
