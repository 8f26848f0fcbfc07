using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientPortal.Domain.Data;

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL because a consumed token must stay consumed
/// after a power cut; busy_timeout so concurrent writers wait instead of failing.
/// (journal_mode=WAL is persistent in the file and set once at start-up.)
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Sql = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
