namespace ClientPortal.Domain.Events;

public sealed record ContactCreated(long ContactId, DateTime OccurredAt) : IDomainEvent;
public sealed record TeamChanged(string UserId, string Change, DateTime OccurredAt) : IDomainEvent;
public sealed record OwnerClaimed(string UserId, DateTime OccurredAt) : IDomainEvent;
