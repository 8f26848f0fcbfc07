using ClientPortal.Domain.Data;
using ClientPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Domain;

/// <summary>
/// Migrations are hand-written (no `dotnet ef` here), so this proves the migrated schema equals what the
/// model would create: tables, columns, types, nullability, defaults, keys, indexes and foreign keys.
/// </summary>
public class MigrationDriftTests
{
    [Fact]
    public async Task Migrated_schema_equals_the_model()
    {
        using var dir = new TempDirectory();
        var migratedPath = Path.Combine(dir.Path, "migrated");
        var createdPath = Path.Combine(dir.Path, "created");
        Directory.CreateDirectory(migratedPath);
        Directory.CreateDirectory(createdPath);

        await using (var migrated = NewContext(migratedPath)) await PortalDatabase.MigrateAsync(migrated);
        await using (var created = NewContext(createdPath)) await created.Database.EnsureCreatedAsync();

        var expected = Describe(createdPath);
        var actual = Describe(migratedPath);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Database_file_uses_wal_and_foreign_keys()
    {
        await using var host = await DomainHost.StartAsync();
        await using var db = host.NewDb();
        await db.Database.OpenConnectionAsync();
        var conn = db.Database.GetDbConnection();
        Assert.Equal("wal", Scalar(conn, "PRAGMA journal_mode;"));
        Assert.Equal("1", Scalar(conn, "PRAGMA foreign_keys;"));
        Assert.Equal("2", Scalar(conn, "PRAGMA synchronous;")); // 2 = FULL
    }

    private static string Scalar(System.Data.Common.DbConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar())!;
    }

    private static PortalDbContext NewContext(string dir)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, PortalDatabase.ConnectionString(dir));
        return new PortalDbContext(options.Options);
    }

    private static List<string> Describe(string dir)
    {
        using var conn = new SqliteConnection(PortalDatabase.ConnectionString(dir));
        conn.Open();
        var lines = new List<string>();
        var tables = Query(conn, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') ORDER BY name")
            .Select(r => r[0]).ToList();
        foreach (var t in tables)
        {
            lines.Add($"table {t}");
            foreach (var c in Query(conn, $"PRAGMA table_info(\"{t}\")"))
                lines.Add($"  column {c[1]} type={c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
            foreach (var fk in Query(conn, $"PRAGMA foreign_key_list(\"{t}\")").OrderBy(r => r[2] + r[3]))
                lines.Add($"  fk {fk[3]} -> {fk[2]}.{fk[4]} on_delete={fk[6]}");
            foreach (var ix in Query(conn, $"PRAGMA index_list(\"{t}\")").OrderBy(r => r[1]))
            {
                var cols = string.Join(",", Query(conn, $"PRAGMA index_info(\"{ix[1]}\")").Select(r => r[2]));
                var sql = Query(conn, $"SELECT sql FROM sqlite_master WHERE type='index' AND name='{ix[1]}'").FirstOrDefault()?[0];
                lines.Add($"  index {ix[1]} unique={ix[2]} partial={ix[4]} ({cols}) {sql}");
            }
            var create = Query(conn, $"SELECT sql FROM sqlite_master WHERE type='table' AND name='{t}'").Single()[0];
            foreach (var check in create.Split('\n').Where(l => l.Contains("CHECK")))
                lines.Add($"  check {check.Trim().TrimEnd(',')}");
        }
        return lines;
    }

    private static List<string[]> Query(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (r.Read())
        {
            var row = new string[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i))!;
            rows.Add(row);
        }
        return rows;
    }
}
