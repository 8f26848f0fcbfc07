namespace ClientPortal.Domain.Events;

/// <summary>Something that happened in the portal, raised by the code that made it happen and heard by the rest.</summary>
public interface IDomainEvent
{
    DateTime OccurredAt { get; }
}
