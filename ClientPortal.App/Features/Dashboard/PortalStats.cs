using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Dashboard;

public sealed record StatusCounts(int Invited, int Active);

public sealed record FunnelStage(string Name, int Count);

public sealed record DayCount(DateTime Day, int Count);

public sealed record FeedItem(DateTime At, string Action, string? Subject, string? Actor, long? ContactId);

public sealed record DashboardData(StatusCounts Counts, IReadOnlyList<FunnelStage> Funnel,
    IReadOnlyList<DayCount> LoginsPerDay,
    IReadOnlyList<FeedItem> Feed, long ChangeStamp, int PasskeySignIns = 0);

/// <summary>
/// The dashboard's numbers: contact counts from the trigger-kept tally row plus the contacts added since its last fold
/// (constant time at any size), the rest from indexed queries; always re-read, never incremented in memory.
/// </summary>
public sealed class PortalStats(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// Whether the event changes what a dashboard shows, so open dashboards refresh for it and for nothing else. The
    /// feed's rows are the audit rows of the events listed here (<see cref="FeedActions"/>), a test holds the two
    /// together.
    /// </summary>
    public static bool Shows(IDomainEvent e) => e switch
    {
        // The counts and the funnel.
        ContactCreated or ContactDeleted or InviteSent or PortalJoined or LessonStarted => true,
        // The feed and the sign-ins chart.
        MagicLinkRedeemed { Repeat: false } or OfferAccessGranted or GrantRevoked or SignInThrottled or LearnerSignedIn
            => true,
        // Other nodes' events were missed (Redis was away): anything may have changed.
        ClientPortal.Infrastructure.Events.EventsMissed => true,
        _ => false,
    };

    /// <summary>The audit rows the activity feed shows (besides every sign-in).</summary>
    public static readonly string[] FeedActions =
        [AuditActions.InviteSend, AuditActions.LinkRedeem, AuditActions.GrantAdd, AuditActions.GrantRevoke,
            AuditActions.ContactCreate,
            AuditActions.SigninThrottled];

    public async Task<StatusCounts> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CountsAsync(db, ct);
    }

    private static async Task<StatusCounts> CountsAsync(PortalDbContext db, CancellationToken ct)
    {
        var tally = await TallyAsync(db, ct);
        return new(tally.Invited, tally.Active);
    }

    /// <summary>Contacts newer than the tally row are counted live; once there are this many, they are folded into
    /// it.</summary>
    public const int FoldAfter = 2_000;

    private sealed record Tally(int Invited, int Active, int EverInvited, int Joined, int FirstLessonStarted, int Newer,
        long LastId);

    private static async Task<Tally> TallyAsync(PortalDbContext db, CancellationToken ct)
    {
        var tally = await ReadTally(db).SingleAsync(ct);
        if (tally.Newer < FoldAfter) return tally;
        await FoldAsync(db, ct);
        return await ReadTally(db).SingleAsync(ct);
    }

    /// <summary>
    /// The tally row plus the contacts added since it was last folded, in one statement (one snapshot, so a fold
    /// running meanwhile cannot count a contact twice). The counts' definitions are <see cref="ContactCounts"/>; the
    /// triggers in migration ContactTallies restate them, and DashboardTallyTests holds the two together.
    /// </summary>
    private static IQueryable<Tally> ReadTally(PortalDbContext db) =>
        db.ContactTallies.Where(t => t.Id == 1).Select(t => new Tally(
            t.Invited + db.Contacts.Where(c => c.Id > t.CountedThroughId).Count(ContactCounts.Invited),
            t.Active + db.Contacts.Where(c => c.Id > t.CountedThroughId).Count(ContactCounts.Active),
            t.EverInvited + db.Contacts.Where(c => c.Id > t.CountedThroughId).Count(ContactCounts.EverInvited),
            t.Joined + db.Contacts.Where(c => c.Id > t.CountedThroughId).Count(ContactCounts.Joined),
            t.FirstLessonStarted + db.Contacts.Where(c => c.Id > t.CountedThroughId)
                .Count(ContactCounts.FirstLessonStarted),
            db.Contacts.Count(c => c.Id > t.CountedThroughId),
            db.Contacts.Max(c => (long?)c.Id) ?? t.CountedThroughId));

    /// <summary>Moves the newer contacts into the tally row, under the write lock so nothing changes in
    /// between.</summary>
    public async Task FoldAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await FoldAsync(db, ct);
    }

    private static async Task FoldAsync(PortalDbContext db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = await ReadTally(db).SingleAsync(ct);
        await db.ContactTallies.Where(t => t.Id == 1).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Invited, now.Invited).SetProperty(t => t.Active, now.Active)
            .SetProperty(t => t.EverInvited, now.EverInvited).SetProperty(t => t.Joined, now.Joined)
            .SetProperty(t => t.FirstLessonStarted, now.FirstLessonStarted)
                .SetProperty(t => t.CountedThroughId, now.LastId), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Grows with any change the audit log sees (from this process, a command line, anything): a cheap "has
    /// anything changed?".</summary>
    public async Task<long> ChangeStampAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEvents.MaxAsync(a => (long?)a.Id, ct) ?? 0;
    }

    public async Task<DashboardData> DashboardAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.Date.AddDays(-29);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tally = await TallyAsync(db, ct);

        var delivered = await db.Outbox.Where(m => m.Kind == "invite" && m.Status == MessageStatus.Sent
            && m.ContactId != null)
            .Select(m => m.ContactId).Distinct().CountAsync(ct);
        var opened = await db.MagicLinks.Where(l => l.Purpose == MagicLinkPurpose.Invite && l.OpenedAt != null
            && l.ContactId != null)
            .Select(l => l.ContactId).Distinct().CountAsync(ct);

        // One read of the month's sign-ins gives both the days and how many were by passkey.
        var logins = await db.AuditEvents.Where(a => a.At >= since && a.Action.StartsWith("login."))
            .GroupBy(a => a.At.Date)
                .Select(g =>
                new { Day = g.Key, Count = g.Count(), Passkey = g.Count(a => a.Action == AuditActions.LoginPasskey) })
            .ToListAsync(ct);
        var passkeySignIns = logins.Sum(l => l.Passkey);
        var perDay = Enumerable.Range(0, 30).Select(i => since.AddDays(i))
            .Select(d => new DayCount(d, logins.FirstOrDefault(l => l.Day == d)?.Count ?? 0)).ToList();

        var feed = await db.AuditEvents.AsNoTracking()
            .Where(a => FeedActions.Contains(a.Action) || a.Action.StartsWith("login."))
            .OrderByDescending(a => a.Id).Take(15)
            .Select(a => new FeedItem(a.At, a.Action, a.Subject, a.ActorName, a.ContactId)).ToListAsync(ct);
        var emails = await db.Contacts.Where(c => feed.Select(f => f.ContactId).Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Email, ct);
        feed = feed.Select(f =>
            f with { Subject = f.ContactId is { } id
            && emails.TryGetValue(id, out var e) ? $"{e}{(f.Subject is null ? "" : $" · {f.Subject}")}" : f.Subject })
            .ToList();
        var stamp = await db.AuditEvents.MaxAsync(a => (long?)a.Id, ct) ?? 0;

        return new DashboardData(new(tally.Invited, tally.Active),
            [new("Ever invited", tally.EverInvited), new("Invite delivered", delivered),
                new("Invite link opened", opened), new("Joined", tally.Joined),
                new("First lesson started", tally.FirstLessonStarted)],
            perDay, feed, stamp, passkeySignIns);
    }
}
