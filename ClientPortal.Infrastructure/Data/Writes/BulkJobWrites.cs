using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data.Writes;

public static class BulkJobWrites
{
    /// <summary>
    /// Takes the job for this node while it sends a chunk. On PostgreSQL, begins a transaction on <paramref name="db"/>
    /// and locks the job's row FOR UPDATE SKIP LOCKED: false (and no transaction) when another node is on it, so two
    /// nodes never queue the same chunk; the caller saves the job's progress in that transaction and commits it. SQLite
    /// serves one node: always true, no transaction.
    /// </summary>
    public static async Task<bool> TakeBulkJobAsync(this PortalDbContext db, Guid jobId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return true;
        var tx = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Database.SqlQuery<Guid>(
            $"""SELECT "Id" AS "Value" FROM "BulkJobs" WHERE "Id" = {jobId} FOR UPDATE SKIP LOCKED""").ToListAsync(ct);
        if (taken.Count == 1) return true;
        await tx.RollbackAsync(ct);
        await tx.DisposeAsync();
        return false;
    }
}
