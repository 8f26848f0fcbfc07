using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public sealed record OfferAccessGranted(long ContactId, long OfferId, string OfferName, DateTime? ExpiresAt,
    Actor Actor,
    DateTime OccurredAt, Guid? BatchId = null) : IDomainEvent;
public sealed record GrantExpiryChanged(long ContactId, long OfferId, string OfferName, DateTime? From, DateTime? To,
    Actor Actor, DateTime OccurredAt, Guid? BatchId = null) : IDomainEvent;

/// <summary>A grant was revoked; <paramref name="WasActive"/>: it still gave access (an expired one is only
/// closed).</summary>
public sealed record GrantRevoked(long ContactId, long OfferId, string OfferName, bool WasActive, Actor Actor,
    DateTime OccurredAt, Guid? BatchId = null) : IDomainEvent;

/// <summary>A product a grant opened to the contact (one no other grant already gave).</summary>
public sealed record ProductAccessGranted(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;

/// <summary>A product the contact lost with a grant (one no other grant still gives).</summary>
public sealed record ProductAccessRemoved(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;

/// <summary>A CSV of grants applied (<paramref name="Undone"/>: a batch's grants revoked again).</summary>
public sealed record GrantBatchApplied(Guid BatchId, int Grants, bool Undone, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
