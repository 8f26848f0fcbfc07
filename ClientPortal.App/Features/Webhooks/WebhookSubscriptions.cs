using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using ClientPortal.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Webhooks;

public sealed record WebhookRow(long Id, string Url, IReadOnlyList<string> Events, bool Enabled, string Secret,
    DateTime CreatedAt,
    string? CreatedBy, int Pending, int Failed, DateTime? LastDeliveredAt);

public sealed record DeliveryRow(long Id, long EventId, string EventType, WebhookDeliveryStatus Status, int Attempts,
    int? LastStatusCode,
    string? LastError, DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? DeliveredAt, DateTime NextAttemptAt);

/// <summary>Webhook subscriptions (Settings → Webhooks and the API): made, changed, removed; their delivery log;
/// redelivery.</summary>
public sealed class WebhookSubscriptions(IDbContextFactory<PortalDbContext> dbFactory, WebhookSignal signal,
    Microsoft.Extensions.Options.IOptions<ClientPortal.Infrastructure.Settings.PortalOptions> portal,
    TimeProvider clock)
{
    /// <summary>The subscriptions <paramref name="viewer"/> manages (all of them for people; its own for an API
    /// key).</summary>
    public async Task<IReadOnlyList<WebhookRow>> ListAsync(Actor? viewer = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscriptions = db.WebhookSubscriptions.AsNoTracking();
        if (viewer is not null) subscriptions = subscriptions.Where(WebhookSubscription.ManageableByExpression(viewer));
        var rows = await subscriptions.OrderBy(s => s.Id).Select(s => new
        {
            s,
            Pending = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id
                && d.Status == WebhookDeliveryStatus.Pending),
            Failed = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id
                && d.Status == WebhookDeliveryStatus.Failed),
            Last = db.WebhookDeliveries.Where(d => d.SubscriptionId == s.Id).Max(d => d.DeliveredAt),
        }).ToListAsync(ct);
        return rows.Select(r =>
            new WebhookRow(r.s.Id, r.s.Url, r.s.EventList, r.s.Enabled, r.s.Secret, r.s.CreatedAt, r.s.CreatedBy,
            r.Pending,
            r.Failed, r.Last)).ToList();
    }

    public async Task<WebhookRow?> GetAsync(long id, Actor? viewer = null, CancellationToken ct = default) =>
        (await ListAsync(viewer, ct)).FirstOrDefault(r => r.Id == id);

    public async Task<Outcome<WebhookRow>> CreateAsync(string? url, IReadOnlyCollection<string> events, Actor actor,
        bool enabled = true,
        CancellationToken ct = default)
    {
        if (Refusal(actor) is { } refused) return Outcome<WebhookRow>.Fail(refused);
        if (await PrivateAddressAsync(url, ct) is { } problem) return Outcome<WebhookRow>.Invalid("Url", problem);
        var made = WebhookSubscription.Create(url, events, WorkflowDefinition.NewSecret(), actor, clock.GetUtcNow()
            .UtcDateTime, enabled);
        if (!made.Succeeded) return made.FailureAs<WebhookRow>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (enabled && !await db.WebhookSubscriptions.AnyAsync(s => s.Enabled, ct)) await db.StartFromNowAsync(ct);
            db.WebhookSubscriptions.Add(made.Value!);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return Outcome<WebhookRow>.Success((await GetAsync(made.Value!.Id, actor, ct))!);
    }

    public async Task<Outcome> UpdateAsync(long id, string? url, IReadOnlyCollection<string> events, bool enabled,
        Actor actor,
        CancellationToken ct = default)
    {
        if (Refusal(actor) is { } refused) return Outcome.Fail(refused);
        if (await PrivateAddressAsync(url, ct) is { } problem) return Outcome.Invalid("Url", problem);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } subscription
            || !subscription.ManageableBy(actor))
            return Outcome.Fail("This webhook no longer exists.");
        var resumed = enabled && !subscription.Enabled;
        var changed = subscription.Change(url, events, enabled, actor, clock.GetUtcNow().UtcDateTime);
        if (!changed.Succeeded) return changed;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (resumed && !await db.WebhookSubscriptions.AnyAsync(s => s.Enabled, ct)) await db.StartFromNowAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed;
    }

    public async Task<Outcome> DeleteAsync(long id, Actor actor, CancellationToken ct = default)
    {
        if (Refusal(actor) is { } refused) return Outcome.Fail(refused);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } subscription
            || !subscription.ManageableBy(actor))
            return Outcome.Fail("This webhook no longer exists.");
        subscription.Deleted(actor, clock.GetUtcNow().UtcDateTime);
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>The newest deliveries of a subscription (the delivery log).</summary>
    public async Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(long subscriptionId, int take = 50,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId)
            .OrderByDescending(d => d.Id)
            .Take(Math.Clamp(take, 1, 200))
            .Join(db.PortalEvents, d => d.EventId, e => e.Id,
                (d, e) => new DeliveryRow(d.Id, d.EventId, e.Type, d.Status, d.Attempts,
                d.LastStatusCode, d.LastError, d.CreatedAt, d.LastAttemptAt, d.DeliveredAt, d.NextAttemptAt))
            .ToListAsync(ct);
    }

    /// <summary>Sends a delivery again now, with the same delivery id.</summary>
    public async Task<Outcome> RedeliverAsync(long subscriptionId, long deliveryId, Actor actor,
        CancellationToken ct = default)
    {
        if (Refusal(actor) is { } refused) return Outcome.Fail(refused);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId
            && d.SubscriptionId == subscriptionId,
            ct) is not { } delivery
            || !await db.WebhookSubscriptions.Where(WebhookSubscription.ManageableByExpression(actor))
                .AnyAsync(s => s.Id == subscriptionId, ct))
            return Outcome.Fail("This delivery no longer exists.");
        delivery.Redeliver(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return Outcome.Ok;
    }

    /// <summary>The Owner, an Admin, or an API key (its scope is checked where it calls).</summary>
    private static string? Refusal(Actor actor) =>
        actor.Role is Roles.Owner or Roles.Admin or ApiKey.ActorRole || actor is { UserId: null, Role: null }
            ? null : "Only the Owner or an Admin can manage webhooks.";

    /// <summary>
    /// An address on this machine or a private network is refused when it is saved, by the rule the connection applies
    /// again when it is made (on the addresses DNS returns then).
    /// </summary>
    private async Task<string?> PrivateAddressAsync(string? url, CancellationToken ct) =>
        portal.Value.Webhooks.AllowPrivateNetworks || !Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            ? null
            : await WebhookNetwork.RefusalAsync(uri, ct) is null ? null
            : "This address is on this server or a private network; webhooks only go to public addresses.";
}
