using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL because a consumed token must stay consumed
/// after a power cut; busy_timeout so concurrent writers wait instead of failing.
/// (journal_mode=WAL is persistent in the file and set once at start-up.)
/// Pooled connections keep their settings, so they are applied once per physical connection,
/// not on every open (an open is per query here, and the sign-in path would pay the extra round trip each time).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    internal const string Sql = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
    private static readonly ConditionalWeakTable<object, object> Applied = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The native handle outlives pooled opens and dies with the physical connection.</summary>
    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Applied.TryAdd(handle, Sql);
}
