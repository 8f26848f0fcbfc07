using ClientPortal.Domain.Entities;

namespace ClientPortal.Infrastructure.Data.Writes;

public static class WorkflowWrites
{
    /// <summary>
    /// Takes up to <paramref name="limit"/> due runs (pending, or waiting until now) for <paramref name="node"/>: each is
    /// Running and the node's until it waits, fails or completes. Returns their ids (<see cref="Leases"/>).
    /// </summary>
    public static Task<List<long>> ClaimDueRunsAsync(this PortalDbContext db, DateTime now, string node, int limit, CancellationToken ct) =>
        Leases.ClaimAsync(db, "WorkflowRuns",
            """ "Status" = {0}, "LeasedBy" = {1} """,
            """ "Status" IN ({2}, {3}) AND "NextAttemptAt" <= {4} """, """ "NextAttemptAt", "Id" """, limit, ct,
            (int)WorkflowRunStatus.Running, node, (int)WorkflowRunStatus.Pending, (int)WorkflowRunStatus.Waiting, now);
}
