using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

public class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public required string Action { get; set; }
    public long? ContactId { get; set; }
    public string? Subject { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
    public Guid? BatchId { get; set; }

    /// <summary>An audit row: who, what, to whom, when (made by <see cref="AuditTrail"/>, and by the demo's
    /// history).</summary>
    public static AuditEvent Of(string action, long? contactId, string? subject, string? details, Actor actor,
        DateTime at,
        Guid? batchId = null) => new()
    {
        At = at,
        ActorId = actor.UserId,
        ActorName = actor.Name,
        Action = action,
        ContactId = contactId,
        Subject = subject,
        Details = details,
        IpAddress = actor.IpAddress,
        BatchId = batchId,
    };
}
