using ClientPortal.Domain.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// Inserts many new contacts (and their tags) inside the caller's write transaction (SQLite: prepared INSERTs of the
/// columns an import sets; PostgreSQL: binary COPY): the CSV import's hot path, where EF's change tracker would cost
/// more per contact than the insert itself. ImportTests read the rows back through EF, so a column this misses fails a
/// test.
/// </summary>
public static class ContactBulkInsert
{
    private static readonly string[] Columns =
        ["Id", "Email", "NormalizedEmail", "FirstName", "LastName", "Phone", "CreatedAt", "PortalStatus",
            "FirstNameKey",
            "LastNameKey"];

    public static async Task InsertAsync(PortalDbContext db, IReadOnlyList<Contact> contacts, CancellationToken ct)
    {
        if (contacts.Count == 0) return;
        if (db.Database.IsNpgsql())
        {
            // PostgreSQL: binary COPY of every mapped column, ids from the sequence (BulkInsert), then the tags.
            BulkInsert.Insert(db, contacts);
            foreach (var c in contacts)
            foreach (var t in c.Tags)
                t.ContactId = c.Id;
            BulkInsert.Insert(db, contacts.SelectMany(c => c.Tags).ToList());
            return;
        }
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        var tx = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
                 ?? throw new InvalidOperationException("Bulk insert needs the caller's write transaction.");
        // Microsoft.Data.Sqlite has no real async I/O: run the loop off the caller's (UI) context in one go.
        await Task.Run(() => Insert(conn, tx, contacts, ct), ct);
    }

    private static void Insert(SqliteConnection conn, SqliteTransaction tx, IReadOnlyList<Contact> contacts,
        CancellationToken ct)
    {
        // The caller holds the write lock, so ids can be assigned here; AUTOINCREMENT's sequence follows them.
        using (var next = conn.CreateCommand())
        {
            next.Transaction = tx;
            next.CommandText = """
                SELECT max(coalesce((SELECT max("Id") FROM "Contacts"), 0),
                           coalesce((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'Contacts'), 0)) + 1
                """;
            var id = (long)next.ExecuteScalar()!;
            foreach (var c in contacts) c.Numbered(id++);
        }

        // Single-row prepared statements: Microsoft.Data.Sqlite binds parameters by name, which made
        // many-row statements slower (binding is quadratic in the parameter count).
        using var insert = Prepared(conn, tx, "Contacts", Columns);
        using var tag = Prepared(conn, tx, "ContactTags", ["ContactId", "Tag"]);
        foreach (var c in contacts)
        {
            ct.ThrowIfCancellationRequested();
            object?[] values =
            [
                c.Id, c.Email, c.NormalizedEmail, c.FirstName, c.LastName, c.Phone,
                // EF's SQLite text format for DateTime, so EF comparisons and ordering keep working.
                c.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"), (int)c.PortalStatus, c.FirstNameKey, c.LastNameKey,
            ];
            for (var i = 0; i < values.Length; i++) insert.Parameters[i].Value = values[i] ?? DBNull.Value;
            insert.ExecuteNonQuery();
            foreach (var t in c.Tags)
            {
                t.ContactId = c.Id;
                tag.Parameters[0].Value = c.Id;
                tag.Parameters[1].Value = t.Tag;
                tag.ExecuteNonQuery();
            }
        }
    }

    private static SqliteCommand Prepared(SqliteConnection conn, SqliteTransaction tx, string table, string[] columns)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                          $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))});";
        for (var i = 0; i < columns.Length; i++) cmd.Parameters.Add(new SqliteParameter($"$p{i}", null));
        cmd.Prepare();
        return cmd;
    }
}
