using System.ComponentModel.DataAnnotations.Schema;

namespace ClientPortal.Domain.Events;

/// <summary>
/// An entity that records what happened to it. When the change is saved, the infrastructure writes the audit rows of
/// these events in the same transaction and publishes them once it has committed; features never do either by hand.
/// </summary>
public abstract class EventSource
{
    // Made on the first event: most entities are loaded only to be read.
    private List<IDomainEvent>? _events;

    [NotMapped]
    public IReadOnlyList<IDomainEvent> DomainEvents => _events ?? [];

    protected void Raise(IDomainEvent e) => (_events ??= []).Add(e);

    public void ClearDomainEvents() => _events = null;
}
