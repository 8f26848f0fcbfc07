using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data.Writes;

public static class WebhookWrites
{
    /// <summary>How long a node holds a delivery it took; a node that died mid-call frees it for others after
    /// this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Takes up to <paramref name="limit"/> due deliveries for <paramref name="node"/> (<see
    /// cref="Leases"/>).</summary>
    public static Task<List<long>> ClaimDueDeliveriesAsync(this PortalDbContext db, DateTime now, string node,
        int limit,
        CancellationToken ct) =>
        Leases.ClaimAsync(db, "WebhookDeliveries",
            """ "LeasedBy" = {0}, "LeaseExpiresAt" = {1} """,
            """ "Status" = {2} AND "NextAttemptAt" <= {3} AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" < {3}) """,
            """ "NextAttemptAt", "Id" """, limit, ct,
            node, now + Lease, (int)WebhookDeliveryStatus.Pending, now);

    /// <summary>
    /// Turns the events recorded since the cursor into deliveries for the subscriptions that want them, and moves the
    /// cursor, in one transaction. Its first statement takes the cursor row (PostgreSQL locks it; SQLite's write lock
    /// is taken with it), so two nodes never fan out the same events; the unique (subscription, event) index is the
    /// backstop.
    /// </summary>
    /// <returns>How many events were read (0: nothing new).</returns>
    public static async Task<int> FanOutAsync(this PortalDbContext db, DateTime now, int batch, CancellationToken ct)
    {
        // Without a subscription there is nothing to fan out, and no write: events wait past the cursor, which a new
        // subscription moves to the newest event (<see cref="StartFromNowAsync"/>).
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Enabled, ct)) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.WebhookCursors.Where(c => c.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastEventId, c => c.LastEventId), ct);
        var cursor = await db.WebhookCursors.AsNoTracking().Where(c => c.Id == 1).Select(c => c.LastEventId)
            .SingleAsync(ct);
        var events = await db.PortalEvents.AsNoTracking().Where(e => e.Id > cursor).OrderBy(e => e.Id).Take(batch)
            .Select(e => new { e.Id, e.Type }).ToListAsync(ct);
        if (events.Count == 0) return 0;
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(ct);
        foreach (var e in events)
        foreach (var s in subscriptions.Where(s => s.Wants(e.Type)))
            db.WebhookDeliveries.Add(WebhookDelivery.Due(s.Id, e.Id, now));
        await db.SaveChangesAsync(ct);
        var last = events[^1].Id;
        await db.WebhookCursors.Where(c => c.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastEventId, last), ct);
        await tx.CommitAsync(ct);
        return events.Count;
    }

    /// <summary>
    /// When the first enabled subscription appears, the cursor moves past the events recorded while nobody listened: a
    /// subscription hears what happens from its start on, not the portal's history.
    /// </summary>
    public static async Task StartFromNowAsync(this PortalDbContext db, CancellationToken ct)
    {
        var newest = await db.PortalEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        await db.WebhookCursors.Where(c => c.Id == 1 && c.LastEventId < newest)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastEventId, newest), ct);
    }
}
