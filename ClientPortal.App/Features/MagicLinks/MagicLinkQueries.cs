using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.MagicLinks;

public sealed record LinkRow(long Id, MagicLinkPurpose Purpose, LinkSection Section, LinkUsePolicy Policy,
    DateTime CreatedAt, string? CreatedBy,
    DateTime ExpiresAt, DateTime? DeliveredAt, DateTime? OpenedAt, DateTime? ConsumedAt, DateTime? RevokedAt,
        LinkLifecycle State,
    bool IsLive);

/// <summary>What the screens and the API read about links.</summary>
public sealed class MagicLinkQueries(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Where a link is now (Unknown when there is no such link).</summary>
    public async Task<LinkState> StateAsync(long linkId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        var link = await db.MagicLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId, ct);
        return link?.StateAt(clock.GetUtcNow().UtcDateTime, epoch) ?? LinkState.Unknown;
    }

    public async Task<int> CountOutstandingAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        return await db.MagicLinks.Where(MagicLink.OutstandingAt(now, epoch)).CountAsync(ct);
    }

    public async Task<IReadOnlyList<LinkRow>> ForContactAsync(long contactId, int take = 50,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync(ct);
        var links = await db.MagicLinks.AsNoTracking().Where(l => l.ContactId == contactId).OrderByDescending(l => l.Id)
            .Take(take).ToListAsync(ct);
        var courseIds = links.Select(l => l.Section.CourseId).OfType<long>().Distinct().ToList();
        var titles = await db.Products.Where(p => courseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title,
            ct);
        LinkSection Named(LinkSection s) => s.Titled(s.CourseId is { } c ? titles.GetValueOrDefault(c) : null);
        return links.Select(l =>
            new LinkRow(l.Id, l.Purpose, Named(l.Section), l.Policy, l.CreatedAt, l.CreatedBy, l.ExpiresAt,
            l.DeliveredAt,
            l.OpenedAt, l.ConsumedAt, l.RevokedAt ?? (l.Epoch != epoch ? l.CreatedAt : null), l.LifecycleAt(now, epoch),
            l.StateAt(now, epoch) == LinkState.Valid)).ToList();
    }
}
