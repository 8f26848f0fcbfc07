using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Audit;

/// <summary>Reads the audit log: one contact's trail, or the whole portal's, newest first.</summary>
public sealed class AuditTrail(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<Page<AuditEvent>> SearchAsync(long? contactId, string? actionPrefix, int skip, int take,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.AuditEvents.AsNoTracking();
        if (contactId is { } id) q = q.Where(a => a.ContactId == id);
        if (!string.IsNullOrWhiteSpace(actionPrefix)) q = q.Where(a => a.Action.StartsWith(actionPrefix));
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Id).Skip(skip).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return new Page<AuditEvent>(items, total);
    }
}
