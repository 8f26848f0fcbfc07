using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Domain.Dashboard;

public sealed record StatusCounts(int Invited, int Active);

/// <summary>The dashboard's numbers, from indexed queries.</summary>
public sealed class PortalStats(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<StatusCounts> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Contacts
            .Where(c => c.DeletedAt == null && c.PortalStatus != PortalStatus.None)
            .GroupBy(c => c.PortalStatus)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return new StatusCounts(
            rows.FirstOrDefault(r => r.Status == PortalStatus.Invited)?.Count ?? 0,
            rows.FirstOrDefault(r => r.Status == PortalStatus.Active)?.Count ?? 0);
    }
}
