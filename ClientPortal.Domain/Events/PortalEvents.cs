namespace ClientPortal.Domain.Events;

public sealed record ContactCreated(long ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record ContactUpdated(long ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record ContactDeleted(long ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record TeamChanged(string UserId, string Change, DateTime OccurredAt) : IDomainEvent;
public sealed record OwnerClaimed(string UserId, DateTime OccurredAt) : IDomainEvent;

public sealed record OfferAccessGranted(long ContactId, long OfferId, DateTime OccurredAt) : IDomainEvent;
public sealed record OfferAccessRemoved(long ContactId, long OfferId, DateTime OccurredAt) : IDomainEvent;
public sealed record ProductAccessGranted(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;
public sealed record ProductAccessRemoved(long ContactId, long ProductId, DateTime OccurredAt) : IDomainEvent;
