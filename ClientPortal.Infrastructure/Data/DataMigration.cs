using ClientPortal.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ClientPortal.Infrastructure.Data;

public sealed record TableCopy(string Table, long Rows);

/// <summary>
/// Moves a portal from its embedded SQLite database to an empty PostgreSQL database: every table row for row (keys
/// kept), the data-protection keys of the data folder into the database (so cookies, links and sealed email bodies made
/// before stay readable) and the uploaded covers with them, each table's count checked on both sides. The source is
/// opened read-only and never changed; the copy is one transaction, so a failure leaves the target as empty as it was.
/// </summary>
public static class DataMigration
{
    public static async Task<Outcome<IReadOnlyList<TableCopy>>> ToPostgreSqlAsync(string dataDirectory,
        DatabaseTarget target,
        Action<string> progress, CancellationToken ct = default)
    {
        var file = Path.Combine(dataDirectory, PortalDatabase.FileName);
        if (!File.Exists(file)) return Outcome<IReadOnlyList<TableCopy>>.Fail($"There is no portal database at " +
            $"{file}.");
        var readOnly = new SqliteConnectionStringBuilder(PortalDatabase.ConnectionString(dataDirectory)) { Mode =
            SqliteOpenMode.ReadOnly };
        await using var source = PortalDatabase.Standalone(new DatabaseTarget(DatabaseProvider.Sqlite,
            readOnly.ToString()));
        if ((await source.Database.GetPendingMigrationsAsync(ct)).Any())
            return Outcome<IReadOnlyList<TableCopy>>.Fail(
                $"{file} is from an older version of Client Portal: start this version on it once (it upgrades the " +
                    "file), then migrate.");

        await PortalDatabase.ProbeAsync(target, ct);
        await using var db = PortalDatabase.Standalone(target);
        await PortalDatabase.MigrateAsync(db, ct);
        if (await db.Contacts.AnyAsync(ct) || await db.Users.AnyAsync(ct) || await db.Settings.AnyAsync(ct))
            return Outcome<IReadOnlyList<TableCopy>>.Fail(
                $"The {target.Describe()} already holds a portal; migrate into a new, empty database. Nothing was " +
                    "changed.");

        var tables = InsertOrder(db.Model.GetRelationalModel());
        var copied = new List<TableCopy>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var server = (NpgsqlConnection)db.Database.GetDbConnection();
        var reader = (SqliteConnection)source.Database.GetDbConnection();
        await reader.OpenAsync(ct);
        // The migration's own rows (the dashboard's tally, the webhook and workflow cursors) are replaced by the
        // source's.
        await db.ContactTallies.ExecuteDeleteAsync(ct);
        await db.WebhookCursors.ExecuteDeleteAsync(ct);
        await db.WorkflowTriggerCursors.ExecuteDeleteAsync(ct);
        foreach (var table in tables)
        {
            var rows = await CopyTableAsync(reader, server, table, ct);
            if (table.Columns.FirstOrDefault(c =>
                c.PropertyMappings.Any(m => m.Property.ValueGenerated == ValueGenerated.OnAdd
                                                                             && m.Property.IsPrimaryKey()
                                                                                 && m.Property.ClrType is var t
                                                                             && (t == typeof(long)
                                                                                 || t == typeof(int)))) is { } identity)
            {
                // Table and column names come from the model, not from input: the next id follows the copied ones.
#pragma warning disable EF1002
                await db.Database.ExecuteSqlRawAsync(
                    $"""
                    SELECT setval(pg_get_serial_sequence('"{table.Name}"', '{identity.Name}'),
                                  COALESCE(MAX("{identity.Name}"), 0) + 1, false)
                    FROM "{table.Name}"
                    """,
                    ct);
#pragma warning restore EF1002
            }
            copied.Add(new TableCopy(table.Name, rows));
            progress($"{table.Name}: {rows:N0}");
        }

        var keys = CopyKeyFiles(dataDirectory, db);
        var covers = CopyCoverFiles(dataDirectory, db);
        await db.SaveChangesAsync(ct);
        if (keys > 0) progress($"data-protection keys from {Path.Combine(dataDirectory, "keys")}: {keys}");
        if (covers > 0) progress($"cover images from {Path.Combine(dataDirectory, DataFolder.CoversFolderName)}: " +
            $"{covers}");
        var keyTable = db.Model.FindEntityType(typeof(DataProtectionKey))!.GetTableName();
        var coverTable = db.Model.FindEntityType(typeof(Domain.Entities.CoverImage))!.GetTableName();

        foreach (var table in copied)
        {
            var there = await CountAsync(db.Database.GetDbConnection(), table.Table, ct);
            var here = await CountAsync(source.Database.GetDbConnection(), table.Table, ct)
                       + (table.Table == keyTable ? keys : 0) + (table.Table == coverTable ? covers : 0);
            if (there != here)
                return Outcome<IReadOnlyList<TableCopy>>.Fail(
                    $"{table.Table}: {here:N0} rows to copy but {there:N0} arrived; nothing was kept (the copy is " +
                        "rolled back).");
        }
        await tx.CommitAsync(ct);
        return Outcome<IReadOnlyList<TableCopy>>.Success(copied);
    }

    /// <summary>Every table, parents before the tables whose foreign keys point at them.</summary>
    private static List<ITable> InsertOrder(IRelationalModel model)
    {
        var ordered = new List<ITable>();
        var placed = new HashSet<ITable>();
        void Place(ITable table, HashSet<ITable> visiting)
        {
            if (placed.Contains(table) || !visiting.Add(table)) return;
            foreach (var parent in table.ForeignKeyConstraints.Select(f => f.PrincipalTable)
                .Where(p => p != table)) Place(parent, visiting);
            placed.Add(table);
            ordered.Add(table);
        }
        foreach (var table in model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal)) Place(table, []);
        return ordered;
    }

    /// <summary>
    /// One table, column by column as stored (so JSON columns and shadow properties come along as well): SQLite's
    /// values turned into what the PostgreSQL column takes, written by binary COPY.
    /// </summary>
    private static async Task<long> CopyTableAsync(SqliteConnection source, NpgsqlConnection target, ITable table,
        CancellationToken ct)
    {
        var columns = table.Columns.ToList();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var types = columns.Select(c => c.StoreType.Split('(')[0]).ToArray();
        await using var select = source.CreateCommand();
        select.CommandText = $"""SELECT {names} FROM "{table.Name}" """;
        await using var rows = await select.ExecuteReaderAsync(ct);
        await using var copy = await
            target.BeginBinaryImportAsync($"""COPY "{table.Name}" ({names}) FROM STDIN (FORMAT BINARY)""", ct);
        long count = 0;
        while (await rows.ReadAsync(ct))
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (rows.IsDBNull(i)) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(ToColumn(rows.GetValue(i), types[i]), types[i], ct);
            }
            count++;
        }
        await copy.CompleteAsync(ct);
        return count;
    }

    /// <summary>SQLite's storage (integers, text, blobs) as the PostgreSQL column's type; EF's SQLite formats for the
    /// rest.</summary>
    private static object ToColumn(object value, string storeType) => storeType switch
    {
        "timestamp with time zone" when value is string text => text.Contains('+') || text.EndsWith('Z')
            ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime
            : DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
                DateTimeKind.Utc),
        "boolean" => System.Convert.ToInt64(value) != 0,
        "integer" => System.Convert.ToInt32(value),
        "smallint" => System.Convert.ToInt16(value),
        "bigint" => System.Convert.ToInt64(value),
        "uuid" when value is string text => Guid.Parse(text),
        "uuid" when value is byte[] bytes => new Guid(bytes),
        "numeric" => System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
        "double precision" => System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        "real" => System.Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    private static int CopyKeyFiles(string dataDirectory, PortalDbContext db)
    {
        var folder = Path.Combine(dataDirectory, "keys");
        if (!Directory.Exists(folder)) return 0;
        var files = Directory.GetFiles(folder, "key-*.xml");
        foreach (var path in files)
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(path),
                Xml = File.ReadAllText(path) });
        return files.Length;
    }

    /// <summary>The covers SQLite kept as files (named as the database names them), into the database every node
    /// reads.</summary>
    private static int CopyCoverFiles(string dataDirectory, PortalDbContext db)
    {
        var folder = Path.Combine(dataDirectory, DataFolder.CoversFolderName);
        if (!Directory.Exists(folder)) return 0;
        var files = Directory.GetFiles(folder);
        foreach (var path in files)
            db.CoverImages.Add(new Domain.Entities.CoverImage
            {
                Name = Path.GetFileName(path), Bytes = File.ReadAllBytes(path),
                    CreatedAt = File.GetLastWriteTimeUtc(path),
            });
        return files.Length;
    }

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string table,
        CancellationToken ct)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
