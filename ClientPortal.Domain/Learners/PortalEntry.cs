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
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var happened = await RecordAsync(db, contactId, method, actor, ct);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(happened);
        return happened.Any(e => e is PortalJoined);
    }

    /// <summary>Within the caller's unit of work; the caller saves, commits, then publishes the returned events.</summary>
    public async Task<IReadOnlyList<IDomainEvent>> RecordAsync(PortalDbContext db, long contactId, string method, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Conditional, so two simultaneous first entries count one join.
        var first = await db.Contacts.Where(c => c.Id == contactId && c.PortalStatus != PortalStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PortalStatus, PortalStatus.Active)
                .SetProperty(c => c.FirstAccessAt, c => c.FirstAccessAt ?? now).SetProperty(c => c.LastAccessAt, now), ct) == 1;
        if (!first) await db.Contacts.Where(c => c.Id == contactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastAccessAt, now), ct);
        audit.Add(db, actor, $"login.{method}", contactId, details: first ? "first entry" : null);
        return first
            ? [new PortalJoined(contactId, now), new LearnerSignedIn(contactId, method, now)]
            : [new LearnerSignedIn(contactId, method, now)];
    }
}
