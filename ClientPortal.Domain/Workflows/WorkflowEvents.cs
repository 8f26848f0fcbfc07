using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public enum WorkflowChange { Enabled, Disabled, InboundUrlMade, InboundUrlReplaced, Deleted }

public sealed record WorkflowChanged(string Name, WorkflowChange Change, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record WorkflowPublished(string Name, int Version, WorkflowTrigger Trigger, int Actions, Actor Actor,
    DateTime OccurredAt) : IDomainEvent;
public sealed record WorkflowRunRetried(long RunId, long? ContactId, string Workflow, int FromStep, Actor Actor,
    DateTime OccurredAt)
    : IDomainEvent;
