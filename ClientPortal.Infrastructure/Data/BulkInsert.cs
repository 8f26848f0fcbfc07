using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// Inserts many new rows of one entity type inside the caller's write transaction with one prepared single-row
/// INSERT built from EF's model (<see cref="RowInsert"/>). The caller holds the write lock, so ids are assigned here.
/// The bulk sends' hot path (10,000 login emails are 30,000 rows), where EF's change tracker would cost more per row than
/// the insert itself.
/// </summary>
public static class BulkInsert
{
    public static void Insert<T>(PortalDbContext db, IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        var insert = RowInsert.For(db.Model, typeof(T), withKey: true);
        var key = insert.Key ?? throw new InvalidOperationException($"{typeof(T).Name} needs a single-column key.");
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        var tx = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
                 ?? throw new InvalidOperationException("Bulk insert needs the caller's write transaction.");

        using (var next = conn.CreateCommand())
        {
            next.Transaction = tx;
            next.CommandText = $"""
                SELECT max(coalesce((SELECT max("{key.GetColumnName()}") FROM "{insert.Table}"), 0),
                           coalesce((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = '{insert.Table}'), 0)) + 1
                """;
            var id = (long)next.ExecuteScalar()!;
            foreach (var row in rows) key.PropertyInfo!.SetValue(row, id++);
        }

        using var command = conn.CreateCommand();
        command.Transaction = tx;
        command.CommandText = insert.Sql;
        foreach (var row in rows)
        {
            insert.Bind(command, row);
            command.ExecuteNonQuery();
        }
    }
}
