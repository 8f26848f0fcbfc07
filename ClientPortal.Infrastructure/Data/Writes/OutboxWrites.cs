using System.Runtime.CompilerServices;
using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data.Writes;

/// <summary>The outbox's sent marks, many of which share one commit.</summary>
public static class OutboxWrites
{
    /// <summary>
    /// Leases up to <paramref name="limit"/> due messages to <paramref name="node"/> (status Sending until
    /// <paramref name="leaseUntil"/>, one more attempt) in one statement, and returns their ids. On PostgreSQL the due rows
    /// are taken FOR UPDATE SKIP LOCKED: nodes claiming at the same moment each get different messages and none waits for
    /// another (without it, a claim that waited on a row another node had just leased would lease it again). SQLite has
    /// one writer, so the statement alone is the lock.
    /// </summary>
    public static Task<List<long>> ClaimDueAsync(this PortalDbContext db, DateTime now, DateTime leaseUntil, string node, int limit,
        CancellationToken ct)
    {
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = FormattableStringFactory.Create($$"""
            UPDATE "Outbox" SET "Status" = {0}, "LockedUntil" = {1}, "LeasedBy" = {2}, "Attempts" = "Attempts" + 1
            WHERE "Id" IN (SELECT "Id" FROM "Outbox" WHERE "Status" = {3} AND "NextAttemptAt" <= {4}
                           ORDER BY "NextAttemptAt", "Id" LIMIT {5} {{skipLocked}})
            RETURNING "Id" AS "Value"
            """, (int)MessageStatus.Sending, leaseUntil, node, (int)MessageStatus.Pending, now, limit);
        return db.Database.SqlQuery<long>(sql).ToListAsync(ct);
    }

    public static void MarkSent(this WriteSession session, long messageId, DateTime sentAt, string? providerId) =>
        session.Update("""
            UPDATE "Outbox" SET "Status" = @p0, "SentAt" = @p1, "ProviderId" = @p2, "LockedUntil" = NULL, "LastError" = NULL
            WHERE "Id" = @p3
            """, (int)MessageStatus.Sent, sentAt, providerId, messageId);
}
