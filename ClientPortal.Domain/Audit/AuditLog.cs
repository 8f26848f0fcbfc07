using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Audit;

/// <summary>Builds audit rows; callers add them to the same unit of work as the change they describe.</summary>
public sealed class AuditLog(TimeProvider clock)
{
    public AuditEvent Add(PortalDbContext db, Actor actor, string action, long? contactId = null,
        string? subject = null, string? details = null, Guid? batchId = null)
    {
        var e = new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = action,
            ContactId = contactId,
            Subject = subject,
            Details = details,
            IpAddress = actor.IpAddress,
            BatchId = batchId,
        };
        db.AuditEvents.Add(e);
        return e;
    }
}
