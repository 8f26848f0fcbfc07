using ClientPortal.Domain.Events;

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

    /// <summary>The audit row of an event: who, what, to whom, when.</summary>
    public static AuditEvent Of(Audited e) => new()
    {
        At = e.OccurredAt,
        ActorId = e.Actor.UserId,
        ActorName = e.Actor.Name,
        Action = e.Action,
        ContactId = e.ContactId,
        Subject = e.Subject,
        Details = e.Details,
        IpAddress = e.Actor.IpAddress,
        BatchId = e.BatchId,
    };
}
