using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public sealed record TemplateChanged(string Key, bool Reset, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record BulkSendStarted(Guid JobId, BulkJobKind Kind, int Recipients, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record BulkJobProgressed(Guid JobId, int Total, int Done, int Skipped, int Failed, bool Completed,
    DateTime OccurredAt) : IDomainEvent;
public sealed record MessageRetried(long MessageId, string To, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record MessageQueued(long MessageId, long? ContactId, string Kind, DateTime OccurredAt) : IDomainEvent;
public sealed record MessageDelivered(long MessageId, long? ContactId, string Kind, DateTime OccurredAt) : IDomainEvent;
