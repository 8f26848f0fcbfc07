using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// Inserts many new rows of one entity type inside the caller's write transaction, with columns, store types and
/// converters from EF's model (<see cref="RowInsert"/>): on SQLite one prepared single-row INSERT, the caller holding
/// the write lock so ids are assigned here; on PostgreSQL one binary COPY, ids taken from the table's sequence. The
/// bulk sends' and the import's hot path (10,000 login emails are 30,000 rows), where EF's change tracker would cost
/// more per row than the insert itself.
/// </summary>
public static class BulkInsert
{
    public static void Insert<T>(PortalDbContext db, IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Bulk insert needs the caller's write transaction.");
        if (db.Database.GetDbConnection() is NpgsqlConnection server)
        {
            Copy(server, RowInsert.For(db.Model, typeof(T), postgreSql: true, withKey: true), rows);
            return;
        }
        var insert = RowInsert.For(db.Model, typeof(T), postgreSql: false, withKey: true);
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        var tx = (SqliteTransaction)transaction;
        if (insert.Key is { } key && key.ClrType == typeof(long))
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

    private static void Copy<T>(NpgsqlConnection server, RowInsert insert, IReadOnlyList<T> rows) where T : class
    {
        if (insert.Key is { } key && key.ClrType == typeof(long))
            using (var next = server.CreateCommand())
            {
                // Other nodes insert too: ids come from the sequence, never from max(Id).
                next.CommandText = $"""
                    SELECT nextval(pg_get_serial_sequence('"{insert.Table}"', '{key.GetColumnName()}'))
                    FROM generate_series(1, {rows.Count})
                    """;
                using var ids = next.ExecuteReader();
                foreach (var row in rows)
                {
                    ids.Read();
                    key.PropertyInfo!.SetValue(row, ids.GetInt64(0));
                }
            }

        var columns = string.Join(", ", insert.Columns.Select(c => $"\"{c.Name}\""));
        using var copy = server.BeginBinaryImport(
            $"""COPY "{insert.Table}" ({columns}) FROM STDIN (FORMAT BINARY)""");
        foreach (var row in rows)
        {
            copy.StartRow();
            for (var i = 0; i < insert.Columns.Count; i++)
            {
                if (insert.Value(row, i) is { } value) copy.Write(value, insert.Columns[i].StoreType);
                else copy.WriteNull();
            }
        }
        copy.Complete();
    }
}
