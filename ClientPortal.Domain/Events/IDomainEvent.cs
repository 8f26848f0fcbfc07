namespace ClientPortal.Domain.Events;

/// <summary>
/// Something that happened in the portal, raised by the code that made it happen and heard by the rest: one typed event
/// per behaviour, living with its concept (Contacts/ContactEvents.cs, Access/AccessEvents.cs, …) in this namespace. An
/// event a person caused carries its <see cref="Security.Actor"/>; <see cref="AuditTrail"/> turns it into the audit row
/// and <see cref="PublicEvents"/> into the record other systems read, so the words of the trail live once.
/// </summary>
public interface IDomainEvent
{
    DateTime OccurredAt { get; }
}
