using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Data.Services;

// SQLite's own (its file, pragmas, WAL or a process on the default database): the PostgreSQL pass leaves it out
[Trait("Provider", "Sqlite")]
public class MigrationTests
{
    /// <summary>
    /// The check a start no longer makes (see PortalDatabase.Configure), for both providers' migrations: it fails when
    /// an entity or its configuration changed and nobody ran `dotnet ef migrations add`.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "ClientPortal.Infrastructure")]
    [InlineData(DatabaseProvider.PostgreSql, "ClientPortal.Infrastructure.PostgreSql")]
    public void The_model_has_no_changes_without_a_migration(DatabaseProvider provider, string project)
    {
        using var dir = new TempDirectory();
        // The comparison reads the model and the migrations' snapshot only: no server is reached.
        var target = provider == DatabaseProvider.Sqlite ? DatabaseTarget.Sqlite(dir.Path)
            : new DatabaseTarget(provider, "Host=127.0.0.1;Port=1;Database=unused");
        using var db = PortalDatabase.Standalone(target);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed: run dotnet ef migrations add <Name> --project {project} " +
            $"--startup-project {project}");
    }

    [Fact]
    public async Task Migrations_create_the_model_with_the_tally_triggers()
    {
        using var dir = new TempDirectory();
        await using (var db = NewContext(dir.Path)) await PortalDatabase.MigrateAsync(db);
        var schema = SchemaDump.Of(Path.Combine(dir.Path, PortalDatabase.FileName));
        Assert.Contains(schema, l => l.StartsWith("trigger TR_Contacts_Tally_Update"));
        Assert.Contains(schema, l => l.StartsWith("trigger TR_Contacts_Tally_Delete"));
        Assert.Contains("Grants index IX_Grants_ContactId_OfferId_Unrevoked unique=1 (ContactId,OfferId) WHERE " +
            "\"RevokedAt\" IS NULL", schema);
        await using (var db = NewContext(dir.Path))
            Assert.Equal(1, await db.ContactTallies.CountAsync());
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

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_and_left_untouched()
    {
        using var dir = new TempDirectory();
        await using (var db = NewContext(dir.Path))
        {
            await PortalDatabase.MigrateAsync(db);
            await db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "__EFMigrationsHistory" VALUES ('29990101000000_FromTheFuture', '99.0.0');""");
        }
        SqliteConnection.ClearAllPools();
        var file = Path.Combine(dir.Path, PortalDatabase.FileName);
        var before = await File.ReadAllBytesAsync(file);

        await using (var db = NewContext(dir.Path))
        {
            var refused = await Assert.ThrowsAsync<DatabaseVersionException>(() => PortalDatabase.MigrateAsync(db));
            Assert.Contains("newer version of Client Portal", refused.Message);
            Assert.Contains("29990101000000_FromTheFuture", refused.Message);
            Assert.Contains("Nothing was changed", refused.Message);
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task A_database_from_a_build_older_than_the_last_hand_written_release_is_refused()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, PortalDatabase.FileName);
        File.Copy(UpgradeFixture.DatabaseFile, file);
        await using (var conn = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText =
                """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261122090000_ContactTallies';""";
            await cmd.ExecuteNonQueryAsync();
        }
        var before = await File.ReadAllBytesAsync(file);
        await using (var db = NewContext(dir.Path))
        {
            var refused = await Assert.ThrowsAsync<DatabaseVersionException>(() => PortalDatabase.MigrateAsync(db));
            Assert.Contains("20261122080000_Workflows", refused.Message);
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    private static string Scalar(System.Data.Common.DbConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar())!;
    }

    internal static PortalDbContext NewContext(string dir) =>
        PortalDatabase.Standalone(PortalDatabase.ConnectionString(dir));
}
