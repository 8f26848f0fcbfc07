using System.Text.Json;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Workflows;

/// <summary>A domain event as a workflow trigger: which trigger, whose, and the ids a filter can match.</summary>
/// <param name="WorkflowId">For a trigger aimed at one workflow (its inbound URL): only that workflow runs.</param>
public sealed record TriggerOccurrence(WorkflowTrigger Trigger, long ContactId, DateTime At, long? OfferId = null, long? ProductId = null,
    long? CategoryId = null, long? LessonId = null, long? WorkflowId = null)
{
    public static TriggerOccurrence? From(IDomainEvent e) => e switch
    {
        ContactCreated c => new(WorkflowTrigger.ContactCreated, c.ContactId, c.OccurredAt),
        InviteSent i => new(WorkflowTrigger.InviteSent, i.ContactId, i.OccurredAt),
        PortalJoined j => new(WorkflowTrigger.PortalJoined, j.ContactId, j.OccurredAt),
        NewSignUp s => new(WorkflowTrigger.NewSignUp, s.ContactId, s.OccurredAt),
        OfferAccessGranted g => new(WorkflowTrigger.OfferAccessGranted, g.ContactId, g.OccurredAt, OfferId: g.OfferId),
        OfferAccessRemoved r => new(WorkflowTrigger.OfferAccessRemoved, r.ContactId, r.OccurredAt, OfferId: r.OfferId),
        ProductAccessGranted g => new(WorkflowTrigger.ProductAccessGranted, g.ContactId, g.OccurredAt, ProductId: g.ProductId),
        ProductAccessRemoved r => new(WorkflowTrigger.ProductAccessRemoved, r.ContactId, r.OccurredAt, ProductId: r.ProductId),
        ProductStarted s => new(WorkflowTrigger.ProductStarted, s.ContactId, s.OccurredAt, ProductId: s.ProductId),
        ProductCompleted c => new(WorkflowTrigger.ProductCompleted, c.ContactId, c.OccurredAt, ProductId: c.ProductId),
        CategoryStarted s => new(WorkflowTrigger.CategoryStarted, s.ContactId, s.OccurredAt, ProductId: s.ProductId, CategoryId: s.CategoryId),
        CategoryCompleted c => new(WorkflowTrigger.CategoryCompleted, c.ContactId, c.OccurredAt, ProductId: c.ProductId, CategoryId: c.CategoryId),
        LessonStarted s => new(WorkflowTrigger.LessonStarted, s.ContactId, s.OccurredAt, ProductId: s.ProductId, CategoryId: s.CategoryId, LessonId: s.LessonId),
        LessonCompleted c => new(WorkflowTrigger.LessonCompleted, c.ContactId, c.OccurredAt, ProductId: c.ProductId, CategoryId: c.CategoryId, LessonId: c.LessonId),
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
/// Turns domain events into durable runs, one per enabled workflow whose trigger and filter match. The enabled
/// workflows are cached (events with no workflow cost nothing). A run started by a workflow step is one level
/// deeper than the run that caused it; past <see cref="MaxDepth"/> the run is recorded as Stopped instead, so
/// a workflow that re-triggers itself ends at once, visibly, with the reason in the run log.
/// </summary>
public sealed class WorkflowTriggers : IDomainEventHandler
{
    public const int MaxDepth = 3;
    private static readonly AsyncLocal<int?> CurrentDepth = new();

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly WorkflowSignal _signal;
    private readonly TimeProvider _clock;
    private readonly ILogger<WorkflowTriggers> _logger;
    private volatile IReadOnlyList<WorkflowVersion>? _enabled;

    public WorkflowTriggers(IDbContextFactory<PortalDbContext> dbFactory, WorkflowSignal signal, TimeProvider clock,
        ILogger<WorkflowTriggers> logger)
    {
        _dbFactory = dbFactory;
        _signal = signal;
        _clock = clock;
        _logger = logger;
    }

    public Task HandleAsync(IDomainEvent e) =>
        TriggerOccurrence.From(e) is { } occurrence ? StartRunsAsync(occurrence) : Task.CompletedTask;

    /// <summary>Marks the code that runs a step of a run at this depth (events it causes start deeper runs).</summary>
    public static IDisposable RunningAtDepth(int depth)
    {
        var previous = CurrentDepth.Value;
        CurrentDepth.Value = depth;
        return new Restore(previous);
    }

    public void Invalidate() => _enabled = null;

    /// <returns>The ids of the runs created (Stopped ones included).</returns>
    public async Task<IReadOnlyList<long>> StartRunsAsync(TriggerOccurrence occurrence, CancellationToken ct = default)
    {
        var matching = (await EnabledAsync(ct)).Where(v => v.Trigger == occurrence.Trigger && occurrence.Matches(v.FilterKind, v.FilterId)
                                                           && (occurrence.WorkflowId is null || v.WorkflowId == occurrence.WorkflowId)).ToList();
        if (matching.Count == 0) return [];
        var depth = CurrentDepth.Value is { } d ? d + 1 : 0;
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var tags = matching.Any(v => v.FilterKind == WorkflowFilterKind.Tag)
            ? (await db.ContactTags.Where(t => t.ContactId == occurrence.ContactId).Select(t => t.Tag).ToListAsync(ct)).ToHashSet()
            : [];
        if (!await db.Contacts.AnyAsync(c => c.Id == occurrence.ContactId, ct)) return [];
        var data = await DescribeAsync(db, occurrence, ct);
        var runs = new List<WorkflowRun>();
        foreach (var version in matching.Where(v => v.FilterKind != WorkflowFilterKind.Tag || tags.Contains(v.FilterTag!)))
        {
            var stopped = depth > MaxDepth;
            runs.Add(new WorkflowRun
            {
                WorkflowId = version.WorkflowId,
                WorkflowVersionId = version.Id,
                ContactId = occurrence.ContactId,
                Trigger = occurrence.Trigger,
                TriggerData = data,
                Depth = depth,
                Status = stopped ? WorkflowRunStatus.Stopped : WorkflowRunStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
                CompletedAt = stopped ? now : null,
                Error = stopped
                    ? $"Stopped before it started: {depth} workflow runs in a row were each started by the one before (the limit is {MaxDepth}). A workflow is probably triggering itself."
                    : null,
            });
            if (stopped)
                _logger.LogWarning("Workflow {WorkflowId} not run for contact {ContactId}: loop limit of {MaxDepth} nested runs reached", version.WorkflowId,
                    occurrence.ContactId, MaxDepth);
        }
        if (runs.Count == 0) return [];
        db.WorkflowRuns.AddRange(runs);
        await db.SaveChangesAsync(ct);
        _signal.Notify();
        return runs.Select(r => r.Id).ToList();
    }

    private async Task<IReadOnlyList<WorkflowVersion>> EnabledAsync(CancellationToken ct)
    {
        if (_enabled is { } cached) return cached;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var list = await db.Workflows.Where(w => w.Enabled && w.CurrentVersionId != null)
            .Join(db.WorkflowVersions, w => w.CurrentVersionId, v => v.Id, (w, v) => v)
            .AsNoTracking().ToListAsync(ct);
        _enabled = list;
        return list;
    }

    /// <summary>The trigger's data for the run log and webhooks: ids with the names a person recognises.</summary>
    private static async Task<string> DescribeAsync(PortalDbContext db, TriggerOccurrence o, CancellationToken ct)
    {
        var data = new Dictionary<string, object?> { ["trigger"] = WorkflowDefinition.Describe(o.Trigger), ["at"] = o.At, ["contact_id"] = o.ContactId };
        if (o.OfferId is { } offer) { data["offer_id"] = offer; data["offer"] = await db.Offers.Where(x => x.Id == offer).Select(x => x.Name).FirstOrDefaultAsync(ct); }
        if (o.ProductId is { } product) { data["product_id"] = product; data["product"] = await db.Products.Where(x => x.Id == product).Select(x => x.Title).FirstOrDefaultAsync(ct); }
        if (o.CategoryId is { } category) { data["category_id"] = category; data["category"] = await db.Categories.Where(x => x.Id == category).Select(x => x.Title).FirstOrDefaultAsync(ct); }
        if (o.LessonId is { } lesson) { data["lesson_id"] = lesson; data["lesson"] = await db.Lessons.Where(x => x.Id == lesson).Select(x => x.Title).FirstOrDefaultAsync(ct); }
        return JsonSerializer.Serialize(data);
    }

    private sealed class Restore(int? previous) : IDisposable
    {
        public void Dispose() => CurrentDepth.Value = previous;
    }
}

/// <summary>Wakes the workflow runner when a run is created or retried.</summary>
public sealed class WorkflowSignal : WakeSignal;
