using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>
/// A change the audit trail records: what (<see cref="Action"/>, an audit code such as product.create that people read
/// in words), to which contact, about what, by whom. Raised by the entity that changed; its row is written with the
/// change, and subscribers hear it like any other event.
/// </summary>
/// <param name="BatchId">Groups the rows of one bulk operation (so it can be undone as a whole).</param>
public sealed record Audited(string Action, long? ContactId, string? Subject, string? Details, Actor Actor, DateTime OccurredAt,
    Guid? BatchId = null) : IDomainEvent;
