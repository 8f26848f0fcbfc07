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
}
