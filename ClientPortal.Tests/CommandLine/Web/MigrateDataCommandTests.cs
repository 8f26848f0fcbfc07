using System.Security.Cryptography;
using ClientPortal.App.CommandLine;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Demo;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.CommandLine.Web;

[Trait("Provider",
    "Sqlite")] // moves a SQLite data folder to PostgreSQL whatever the pass: the PostgreSQL pass leaves it out
public class MigrateDataCommandTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Migrate_data_copies_and_counts_every_table_into_postgresql_leaving_the_sqlite_file_alone()
    {
        using var dir = new TempDirectory();
        var clock = new TestClock();
        await using (var source = await DomainHost.OpenAsync(dir.Path, clock, DatabaseTarget.Sqlite(dir.Path)))
        {
            await source.Get<DemoData>().SeedAsync();
            var contact = await Seed.ContactAsync(source, "moving@example.com", "Mo");
            await source.Get<PortalMessages>()
                .SendLoginLinkAsync(contact, DefaultTemplates.LoginEmail, MagicLinkPurpose.LoginEmail, null, Seed.Admin,
                "move-1");
            await using var db = source.NewDb();
            Assert.True((await source.Get<ProductCovers>()
                .SaveAsync(await db.Products.MinAsync(p => p.Id), new MemoryStream(Png), Seed.Admin)).Succeeded);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = Path.Combine(dir.Path, PortalDatabase.FileName);
        var before = Fingerprint(dir.Path);
        var key = "migrate-" + Guid.NewGuid().ToString("N");
        var target = TestDatabase.PostgreSql(key);
        var args = new[] { "migrate-data", "--to", "postgresql", "--connection", target,
            $"--Portal:DataDirectory={dir.Path}" };

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(await AdminCommands.RunAsync(args, stdout, stderr) == 0, stderr.ToString());
        Assert.Contains("was not changed", stdout.ToString());
        Assert.Equal(before, Fingerprint(dir.Path));

        // Every table's count on both sides, and the moved portal reads what the old one sealed with its keys.
        await using (var sqlite = PortalDatabase.Standalone(DatabaseTarget.Sqlite(dir.Path)))
        await using (var postgres = PortalDatabase.Standalone(new DatabaseTarget(DatabaseProvider.PostgreSql, target)))
        {
            foreach (var table in sqlite.Model.GetRelationalModel().Tables.Select(t => t.Name)
                .Where(t => t is not ("DataProtectionKeys" or "CoverImages")))
                Assert.True(await CountAsync(sqlite, table) == await CountAsync(postgres, table), table);
            // SQLite keeps its keys and covers as files in the data folder; PostgreSQL in the database.
            Assert.Equal(Directory.GetFiles(Path.Combine(dir.Path, "keys"), "key-*.xml").Length,
                await CountAsync(postgres, "DataProtectionKeys"));
            Assert.Equal(1, await CountAsync(postgres, "CoverImages"));
            Assert.True(await CountAsync(postgres, "Contacts") > 10, "the demo data came along");
        }
        using var elsewhere = new TempDirectory();
        await using (var moved = await DomainHost.OpenAsync(elsewhere.Path, clock,
            new DatabaseTarget(DatabaseProvider.PostgreSql, target)))
        {
            await using var db = moved.NewDb();
            var mail = await db.Outbox.SingleAsync(m => m.IdempotencyKey == "move-1");
            Assert.Contains("/l/", moved.Get<MessageProtector>().TryUnprotect(mail.ProtectedText)!);
            // The cover the SQLite portal kept as a file is now in the database, for every node.
            var cover = await db.Products.Where(p => p.CoverUrl != null).Select(p => p.CoverUrl).FirstAsync();
            await using (var served = (await moved.Get<ProductCovers>().FindAsync(cover))!.Content)
            {
                var bytes = new MemoryStream();
                await served.CopyToAsync(bytes);
                Assert.Equal(Png, bytes.ToArray());
            }
            // New rows continue after the copied ids.
            var next = await Seed.ContactAsync(moved, "after@example.com");
            Assert.True(next > await db.Contacts.Where(c => c.Email != "after@example.com").MaxAsync(c => c.Id));
        }

        var again = new StringWriter();
        Assert.Equal(1, await AdminCommands.RunAsync(args, new StringWriter(), again));
        Assert.Contains("already holds a portal", again.ToString());
        var unreachable = new StringWriter();
        Assert.Equal(3, await AdminCommands.RunAsync(
            ["migrate-data", "--to", "postgresql", "--connection", "Host=127.0.0.1;Port=1;Database=x;Username=u",
                $"--Portal:DataDirectory={dir.Path}"],
            new StringWriter(), unreachable));
        Assert.Contains("cannot open the PostgreSQL database", unreachable.ToString());
        Assert.Equal(before, Fingerprint(dir.Path));
        await TestDatabase.ReleaseAsync(key);
    }

    // The database and its write-ahead log. A reader of a WAL database makes an -shm index and an empty -wal, which
    // hold no data.
    private static string Fingerprint(string folder) => string.Join(",", Directory.GetFiles(folder, "portal.db*")
        .Where(f => !f.EndsWith("-shm") && new FileInfo(f).Length > 0).Order()
        .Select(f => $"{Path.GetFileName(f)}:{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));

    private static async Task<long> CountAsync(PortalDbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
