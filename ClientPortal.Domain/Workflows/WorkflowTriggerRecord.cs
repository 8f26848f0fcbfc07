using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;

namespace ClientPortal.Domain.Workflows;

/// <summary>A domain event as a workflow trigger: which trigger, whose, and the ids a filter can match.</summary>
/// <param name="WorkflowId">For a trigger aimed at one workflow (its inbound URL): only that workflow runs.</param>
public sealed record TriggerOccurrence(WorkflowTrigger Trigger, long ContactId, DateTime At, long? OfferId = null,
    long? ProductId = null,
    long? CategoryId = null, long? LessonId = null, long? WorkflowId = null)
{
    public static TriggerOccurrence? From(IDomainEvent e) => e switch
    {
        ContactCreated c => new(WorkflowTrigger.ContactCreated, c.ContactId, c.OccurredAt),
        InviteSent i => new(WorkflowTrigger.InviteSent, i.ContactId, i.OccurredAt),
        PortalJoined j => new(WorkflowTrigger.PortalJoined, j.ContactId, j.OccurredAt),
        NewSignUp s => new(WorkflowTrigger.NewSignUp, s.ContactId, s.OccurredAt),
        OfferAccessGranted g => new(WorkflowTrigger.OfferAccessGranted, g.ContactId, g.OccurredAt, OfferId: g.OfferId),
        GrantRevoked { WasActive: true } r =>
            new(WorkflowTrigger.OfferAccessRemoved, r.ContactId, r.OccurredAt, OfferId: r.OfferId),
        ProductAccessGranted g =>
            new(WorkflowTrigger.ProductAccessGranted, g.ContactId, g.OccurredAt, ProductId: g.ProductId),
        ProductAccessRemoved r =>
            new(WorkflowTrigger.ProductAccessRemoved, r.ContactId, r.OccurredAt, ProductId: r.ProductId),
        ProductStarted s => new(WorkflowTrigger.ProductStarted, s.ContactId, s.OccurredAt, ProductId: s.ProductId),
        ProductCompleted c => new(WorkflowTrigger.ProductCompleted, c.ContactId, c.OccurredAt, ProductId: c.ProductId),
        CategoryStarted s => new(WorkflowTrigger.CategoryStarted, s.ContactId, s.OccurredAt, ProductId: s.ProductId,
            CategoryId: s.CategoryId),
        CategoryCompleted c => new(WorkflowTrigger.CategoryCompleted, c.ContactId, c.OccurredAt, ProductId: c.ProductId,
            CategoryId: c.CategoryId),
        LessonStarted s => new(WorkflowTrigger.LessonStarted, s.ContactId, s.OccurredAt, ProductId: s.ProductId,
            CategoryId: s.CategoryId, LessonId: s.LessonId),
        LessonCompleted c => new(WorkflowTrigger.LessonCompleted, c.ContactId, c.OccurredAt, ProductId: c.ProductId,
            CategoryId: c.CategoryId, LessonId: c.LessonId),
        LearnerSignedIn l => new(WorkflowTrigger.Login, l.ContactId, l.OccurredAt),
        _ => null,
    };

    public bool Matches(WorkflowFilterKind kind, long? id) => kind switch
    {
        WorkflowFilterKind.Offer => OfferId == id,
        WorkflowFilterKind.Product => ProductId == id,
        WorkflowFilterKind.Category => CategoryId == id,
        WorkflowFilterKind.Lesson => LessonId == id,
        _ => true,
    };
}

/// <summary>
/// How deep in a chain of workflow runs the current code is: a step of a depth-n run marks itself, so the events it
/// causes start runs of depth n+1 (and a workflow that triggers itself is stopped after a few).
/// </summary>
public static class WorkflowDepth
{
    private static readonly AsyncLocal<int?> Current = new();

    /// <summary>The depth of the runs that events raised here start: 0 outside any run.</summary>
    public static int Next => Current.Value is { } d ? d + 1 : 0;

    /// <summary>Marks the code that runs a step of a run at this depth.</summary>
    public static IDisposable RunningAt(int depth)
    {
        var previous = Current.Value;
        Current.Value = depth;
        return new Restore(previous);
    }

    private sealed class Restore(int? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>
/// A trigger that happened, recorded with the change that caused it (same transaction, as audit rows and public
/// events are), so the runs it starts survive a crash right after the commit; the workflow runner turns records into
/// runs exactly once and deletes them (<see cref="WorkflowTriggerCursor"/>).
/// </summary>
public class WorkflowTriggerRecord
{
    public long Id { get; private set; }
    public WorkflowTrigger Trigger { get; private set; }
    public long ContactId { get; private set; }
    public long? OfferId { get; private set; }
    public long? ProductId { get; private set; }
    public long? CategoryId { get; private set; }
    public long? LessonId { get; private set; }

    /// <summary>The depth of the runs it starts (<see cref="WorkflowDepth"/> where the event was raised).</summary>
    public int Depth { get; private set; }

    public DateTime OccurredAt { get; private set; }

    /// <summary>The record of an event that can start workflows, or null for one that cannot.</summary>
    public static WorkflowTriggerRecord? Of(IDomainEvent e) => TriggerOccurrence.From(e) is { } o
        ? new WorkflowTriggerRecord
        {
            Trigger = o.Trigger, ContactId = o.ContactId, OfferId = o.OfferId, ProductId = o.ProductId,
                CategoryId = o.CategoryId,
            LessonId = o.LessonId, Depth = WorkflowDepth.Next, OccurredAt = o.At,
        }
        : null;

    public TriggerOccurrence Occurrence =>
        new(Trigger, ContactId, OccurredAt, OfferId, ProductId, CategoryId, LessonId);
}

/// <summary>The last trigger record turned into runs (one row): taking it serializes the runners of several
/// nodes.</summary>
public class WorkflowTriggerCursor
{
    public int Id { get; private set; }
    public long LastRecordId { get; private set; }
}
