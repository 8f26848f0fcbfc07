using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;

namespace ClientPortal.Infrastructure.Audit;

/// <summary>Builds audit rows; callers add them to the same unit of work as the change they describe.</summary>
public sealed class AuditLog(TimeProvider clock)
{
    public AuditEvent Add(PortalDbContext db, Actor actor, string action, long? contactId = null,
        string? subject = null, string? details = null, Guid? batchId = null)
    {
        var e = New(actor, action, contactId, subject, details, batchId);
        db.AuditEvents.Add(e);
        return e;
    }

    /// <summary>A row not yet attached to a unit of work (for bulk inserts).</summary>
    public AuditEvent New(Actor actor, string action, long? contactId = null, string? subject = null, string? details = null, Guid? batchId = null) =>
        AuditEvent.Of(new Audited(action, contactId, subject, details, actor, clock.GetUtcNow().UtcDateTime, batchId));
}
