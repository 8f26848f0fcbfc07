using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data.Writes;

public static class WorkflowWrites
{
    /// <summary>
    /// Takes up to <paramref name="limit"/> due runs (pending, or waiting until now) for <paramref name="node"/>: each
    /// is Running and the node's until it waits, fails or completes. Returns their ids (<see cref="Leases"/>).
    /// </summary>
    public static Task<List<long>> ClaimDueRunsAsync(this PortalDbContext db, DateTime now, string node, int limit,
        CancellationToken ct) =>
        Leases.ClaimAsync(db, "WorkflowRuns",
            """ "Status" = {0}, "LeasedBy" = {1} """,
            """ "Status" IN ({2}, {3}) AND "NextAttemptAt" <= {4} """, """ "NextAttemptAt", "Id" """, limit, ct,
            (int)WorkflowRunStatus.Running, node, (int)WorkflowRunStatus.Pending, (int)WorkflowRunStatus.Waiting, now);

    /// <summary>
    /// Turns the trigger records committed since the cursor into runs, exactly once: in one transaction whose first
    /// statement takes the cursor row (PostgreSQL locks it; SQLite's write lock is taken with it),
    /// <paramref name="start"/> adds the runs of the records to <paramref name="db"/>, they are saved, the records
    /// deleted and the cursor moved. A crash before the commit leaves the records for the next pass.
    /// </summary>
    /// <returns>How many records were taken (0: nothing new).</returns>
    public static async Task<int> StartTriggeredRunsAsync(this PortalDbContext db, int batch,
        Func<IReadOnlyList<Domain.Workflows.WorkflowTriggerRecord>, Task> start, CancellationToken ct)
    {
        if (!await db.WorkflowTriggerRecords.AnyAsync(ct)) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.WorkflowTriggerCursors.Where(c => c.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastRecordId, c => c.LastRecordId), ct);
        var cursor = await db.WorkflowTriggerCursors.AsNoTracking().Where(c => c.Id == 1).Select(c => c.LastRecordId)
            .SingleAsync(ct);
        var records = await db.WorkflowTriggerRecords.AsNoTracking().Where(r => r.Id > cursor).OrderBy(r => r.Id)
            .Take(batch)
            .ToListAsync(ct);
        if (records.Count == 0) return 0;
        await start(records);
        await db.SaveChangesAsync(ct);
        var last = records[^1].Id;
        await db.WorkflowTriggerRecords.Where(r => r.Id <= last).ExecuteDeleteAsync(ct);
        await db.WorkflowTriggerCursors.Where(c => c.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastRecordId, last), ct);
        await tx.CommitAsync(ct);
        return records.Count;
    }
}
