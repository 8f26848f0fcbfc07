using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Workflows;

public sealed record RunQuery(long? WorkflowId = null, string? ContactEmail = null, WorkflowRunStatus? Status = null,
    int Skip = 0, int Take = 50,
    long? ContactId = null, long? BeforeId = null);

public sealed record RunRow(long Id, long WorkflowId, string Workflow, int Version, long? ContactId,
    string? ContactEmail, WorkflowTrigger Trigger,
    WorkflowRunStatus Status, int CurrentStep, int Steps, int Depth, DateTime CreatedAt, DateTime NextAttemptAt,
        DateTime? CompletedAt, string? Error);

public sealed record RunDetail(RunRow Run, string TriggerData, IReadOnlyList<WorkflowStep> Steps,
    IReadOnlyList<WorkflowStepLog> Log);

/// <summary>The run log: runs filtered by workflow, contact and status; each run's trigger data and step log;
/// retry.</summary>
public sealed class WorkflowRunLog(IDbContextFactory<PortalDbContext> dbFactory, WorkflowSignal signal,
    TimeProvider clock)
{
    public async Task<Page<RunRow>> SearchAsync(RunQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.WorkflowRuns.AsNoTracking();
        if (query.WorkflowId is { } w) runs = runs.Where(r => r.WorkflowId == w);
        if (query.Status is { } s) runs = runs.Where(r => r.Status == s);
        if (query.ContactId is { } c) runs = runs.Where(r => r.ContactId == c);
        if (query.BeforeId is { } before) runs = runs.Where(r => r.Id < before);
        if (!string.IsNullOrWhiteSpace(query.ContactEmail))
        {
            var prefix = query.ContactEmail.Trim().ToLowerInvariant();
            var ids = db.Contacts.Where(c => c.NormalizedEmail.StartsWith(prefix)).Select(c => (long?)c.Id);
            runs = runs.Where(r => ids.Contains(r.ContactId));
        }
        var total = await runs.CountAsync(ct);
        var rows = await Project(db, runs.OrderByDescending(r => r.Id).Skip(query.Skip)
            .Take(Math.Clamp(query.Take, 1, 200))).ToListAsync(ct);
        return new(rows.Select(Finish).ToList(), total);
    }

    public async Task<RunDetail?> DetailAsync(long runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await Project(db, db.WorkflowRuns.AsNoTracking().Where(r => r.Id == runId)).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var log = await db.WorkflowStepLogs.AsNoTracking().Where(l => l.RunId == runId).OrderBy(l => l.Id)
            .ToListAsync(ct);
        return new RunDetail(Finish(row), row.TriggerData, WorkflowDefinition.Deserialize(row.StepsJson), log);
    }

    /// <summary>Puts a failed run back in the queue at the step that failed (completed steps are not
    /// repeated).</summary>
    public async Task<Outcome> RetryAsync(long runId, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can retry " +
            "workflow runs.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.WorkflowRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return Outcome.Fail("This run no longer exists.");
        if (run.Status != WorkflowRunStatus.Failed) return Outcome.Fail("Only a failed run can be retried.");
        var workflow = await db.Workflows.Where(w => w.Id == run.WorkflowId).Select(w => w.Name).SingleAsync(ct);
        run.Retry(workflow, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return Outcome.Ok;
    }

    private sealed record Projected(WorkflowRun Run, string Workflow, int Version, string StepsJson,
        string? ContactEmail)
    {
        public string TriggerData => Run.TriggerData;
    }

    private static IQueryable<Projected> Project(PortalDbContext db, IQueryable<WorkflowRun> runs) =>
        from r in runs
        join w in db.Workflows on r.WorkflowId equals w.Id
        join v in db.WorkflowVersions on r.WorkflowVersionId equals v.Id
        select new Projected(r, w.Name, v.Number, v.StepsJson, db.Contacts.Where(c => c.Id == r.ContactId)
            .Select(c => c.Email).FirstOrDefault());

    private static RunRow Finish(Projected p) =>
        new(p.Run.Id, p.Run.WorkflowId, p.Workflow, p.Version, p.Run.ContactId, p.ContactEmail, p.Run.Trigger,
        p.Run.Status, p.Run.CurrentStep, WorkflowDefinition.Deserialize(p.StepsJson).Count, p.Run.Depth,
            p.Run.CreatedAt,
            p.Run.NextAttemptAt,
        p.Run.CompletedAt, p.Run.Error);
}
