using ClientPortal.Domain.Audit;
using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Domain.Learners;

/// <summary>Records a learner's successful entry by any method: Active on the first one, last access always.</summary>
public sealed class PortalEntry(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, DomainEvents events, TimeProvider clock)
{
    /// <returns>True on the contact's first entry (Invited → Active).</returns>
    public async Task<bool> RecordAsync(long contactId, string method, Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Conditional, so two simultaneous first entries count one join.
        var first = await db.Contacts.Where(c => c.Id == contactId && c.PortalStatus != PortalStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PortalStatus, PortalStatus.Active)
                .SetProperty(c => c.FirstAccessAt, c => c.FirstAccessAt ?? now), ct) == 1;
        await db.Contacts.Where(c => c.Id == contactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastAccessAt, now), ct);
        audit.Add(db, actor, $"login.{method}", contactId, details: first ? "first entry" : null);
        await db.SaveChangesAsync(ct);
        if (first) await events.PublishAsync(new PortalJoined(contactId, now));
        await events.PublishAsync(new LearnerSignedIn(contactId, method, now));
        return first;
    }
}
