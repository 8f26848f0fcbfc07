using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>An event that belongs in the audit trail: who did what, to which contact, about what.</summary>
public interface IAuditedEvent : IDomainEvent
{
    Actor Actor { get; }

    /// <summary>The audit code (product.create, …); people read it in words.</summary>
    string Action { get; }

    long? ContactId => null;
    string? Subject => null;
    string? Details => null;

    /// <summary>Groups the rows of one bulk operation (so it can be undone as a whole).</summary>
    Guid? BatchId => null;
}
