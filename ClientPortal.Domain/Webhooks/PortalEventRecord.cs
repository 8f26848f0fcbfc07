using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

/// <summary>
/// A portal event as other systems see it (the event feed, webhooks): recorded in the transaction of the change that
/// caused it, numbered in order.
/// </summary>
public class PortalEventRecord
{
    public long Id { get; set; }
    /// <summary>A public event name (<see cref="Events.PublicEvents"/>).</summary>
    public required string Type { get; set; }
    public long? ContactId { get; set; }
    /// <summary>The event's ids as a JSON object (names are looked up when it is read).</summary>
    public required string Data { get; set; }
    public DateTime OccurredAt { get; set; }

    public static PortalEventRecord? Of(IDomainEvent e) => PublicEvents.From(e) is { } p
        ? new PortalEventRecord { Type = p.Type, ContactId = p.ContactId, Data = p.Data, OccurredAt = p.OccurredAt }
        : null;
}
