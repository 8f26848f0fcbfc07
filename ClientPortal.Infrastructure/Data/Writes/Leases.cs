using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data.Writes;

/// <summary>
/// Leasing due work (outbox messages, workflow runs) to one node in one statement: the due rows are chosen and marked
/// taken together, and their ids returned. On PostgreSQL the chosen rows are locked FOR UPDATE SKIP LOCKED: nodes
/// claiming at the same moment each get different rows and none waits for another (without it, a claim that waited on
/// a row another node had just taken would take it again). SQLite has one writer, so the statement alone is the lock.
/// </summary>
internal static class Leases
{
    /// <param name="set">The SET list that marks a row taken; <paramref name="due"/> the WHERE of a due row; both may
    /// use {0}, {1}, … for <paramref name="values"/>.</param>
    public static Task<List<long>> ClaimAsync(PortalDbContext db, string table, string set, string due, string order,
        int limit,
        CancellationToken ct, params object[] values)
    {
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        // The limit is the last parameter; table, lists and clause are the callers' constants.
        var limitParameter = "{" + values.Length + "}";
        var sql = FormattableStringFactory.Create($"""
            UPDATE "{table}" SET {set}
            WHERE "Id" IN (SELECT "Id" FROM "{table}" WHERE {due} ORDER BY {order} LIMIT {limitParameter} {skipLocked})
            RETURNING "Id" AS "Value"
            """, [.. values, limit]);
        return db.Database.SqlQuery<long>(sql).ToListAsync(ct);
    }
}
