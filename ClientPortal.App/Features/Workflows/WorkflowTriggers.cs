using System.Text.Json;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using ClientPortal.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Workflows;

/// <summary>
/// Starts workflow runs, one per enabled workflow whose trigger and filter match. Events reach it as trigger records
/// committed with the change that raised them (<see cref="WorkflowTriggerRecord"/>), which the runner turns into runs
/// exactly once, after a crash too; hearing the event itself (<see cref="WorkflowSignal"/>) only wakes the runner. The
/// enabled workflows are read with the records (not cached: another node or the command line may have changed them). A
/// run started by a workflow step is one level deeper than the run that caused it; past <see cref="MaxDepth"/> the run
/// is recorded as Stopped instead, so a workflow that re-triggers itself ends at once, visibly, with the reason in the
/// run log.
/// </summary>
public sealed class WorkflowTriggers(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkflowSignal signal,
    TimeProvider clock,
    ILogger<WorkflowTriggers> logger)
{
    public const int MaxDepth = 3;

    /// <summary>The trigger records one round takes.</summary>
    public const int Batch = 500;

    /// <summary>
    /// Turns the committed trigger records into runs (exactly once, see <see cref="WorkflowWrites"/>). Also called just
    /// before workflows change, so what happened before a workflow was published or enabled does not start it.
    /// </summary>
    /// <returns>How many records were taken.</returns>
    public async Task<int> StartTriggeredRunsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StartTriggeredRunsAsync(Batch, async records =>
        {
            var enabled = await EnabledAsync(db, ct);
            foreach (var record in records)
                db.WorkflowRuns.AddRange(await PlanAsync(db, enabled, record.Occurrence, record.Depth, now, ct));
        }, ct);
    }

    /// <summary>Starts the runs of a trigger aimed at this moment (an inbound webhook's call), at the current
    /// depth.</summary>
    /// <returns>The ids of the runs created (Stopped ones included).</returns>
    public async Task<IReadOnlyList<long>> StartRunsAsync(TriggerOccurrence occurrence, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await PlanAsync(db, await EnabledAsync(db, ct), occurrence, WorkflowDepth.Next, clock.GetUtcNow()
            .UtcDateTime, ct);
        if (runs.Count == 0) return [];
        db.WorkflowRuns.AddRange(runs);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return runs.Select(r => r.Id).ToList();
    }

    private async Task<List<WorkflowRun>> PlanAsync(PortalDbContext db, IReadOnlyList<WorkflowVersion> enabled,
        TriggerOccurrence occurrence,
        int depth, DateTime now, CancellationToken ct)
    {
        var matching = enabled.Where(v => v.Trigger == occurrence.Trigger
            && occurrence.Matches(v.FilterKind, v.FilterId)
                                          && (occurrence.WorkflowId is null || v.WorkflowId == occurrence.WorkflowId))
                                              .ToList();
        if (matching.Count == 0) return [];
        var tags = matching.Any(v => v.FilterKind == WorkflowFilterKind.Tag)
            ? (await db.ContactTags.Where(t => t.ContactId == occurrence.ContactId).Select(t => t.Tag).ToListAsync(ct))
                .ToHashSet()
            : [];
        if (!await db.Contacts.AnyAsync(c => c.Id == occurrence.ContactId, ct)) return [];
        var data = await DescribeAsync(db, occurrence, ct);
        var runs = new List<WorkflowRun>();
        foreach (var version in matching.Where(v => v.FilterKind != WorkflowFilterKind.Tag
            || tags.Contains(v.FilterTag!)))
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
                    ? $"Stopped before it started: {depth} workflow runs in a row were each started by the one " +
                        $"before (the limit is {MaxDepth}). A workflow is probably triggering itself."
                    : null,
            });
            if (stopped)
                logger.LogWarning("Workflow {WorkflowId} not run for contact {ContactId}: loop limit of {MaxDepth} " +
                    "nested runs reached", version.WorkflowId,
                    occurrence.ContactId, MaxDepth);
        }
        return runs;
    }

    private static async Task<IReadOnlyList<WorkflowVersion>> EnabledAsync(PortalDbContext db, CancellationToken ct) =>
        await db.Workflows.Where(w => w.Enabled && w.CurrentVersionId != null)
            .Join(db.WorkflowVersions, w => w.CurrentVersionId, v => v.Id, (w, v) => v)
            .AsNoTracking().ToListAsync(ct);

    /// <summary>The trigger's data for the run log and webhooks: ids with the names a person recognises.</summary>
    private static async Task<string> DescribeAsync(PortalDbContext db, TriggerOccurrence o, CancellationToken ct)
    {
        var data = new Dictionary<string,
            object?> { ["trigger"] = WorkflowDefinition.Describe(o.Trigger), ["at"] = o.At,
            ["contact_id"] = o.ContactId };
        if (o.OfferId is { } offer) { data["offer_id"] = offer; data["offer"] = await db.Offers.Where(x =>
            x.Id == offer).Select(x => x.Name).FirstOrDefaultAsync(ct); }
        if (o.ProductId is { } product) { data["product_id"] = product; data["product"] = await db.Products.Where(x =>
            x.Id == product).Select(x => x.Title).FirstOrDefaultAsync(ct); }
        if (o.CategoryId is { } category) { data["category_id"] = category; data["category"] = await
            db.Categories.Where(x => x.Id == category).Select(x => x.Title).FirstOrDefaultAsync(ct); }
        if (o.LessonId is { } lesson) { data["lesson_id"] = lesson; data["lesson"] = await db.Lessons.Where(x =>
            x.Id == lesson).Select(x => x.Title).FirstOrDefaultAsync(ct); }
        return JsonSerializer.Serialize(data);
    }
}

/// <summary>Wakes the workflow runner when a run is created or retried.</summary>
/// <summary>Wakes the runner when an event left a trigger record (or a run is due).</summary>
public sealed class WorkflowSignal : WakeSignal, IDomainEventHandler<IDomainEvent>
{
    public Task HandleAsync(IDomainEvent e)
    {
        if (TriggerOccurrence.From(e) is not null) Notify();
        return Task.CompletedTask;
    }
}
