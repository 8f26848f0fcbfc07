using ClientPortal.Domain.Data;
using ClientPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Tests.Domain;

public class MigrationUpgradeTests
{
    [Fact]
    public async Task Contact_name_keys_are_backfilled_when_upgrading_from_the_initial_schema()
    {
        using var dir = new TempDirectory();
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, PortalDatabase.ConnectionString(dir.Path));
        await using (var db = new PortalDbContext(options.Options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000000_Initial");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Contacts" ("Email", "NormalizedEmail", "FirstName", "LastName", "CreatedAt", "PortalStatus")
                VALUES ('ada@example.com', 'ada@example.com', ' Ada ', 'Lovelace', '2026-01-01 00:00:00', 0),
                       ('x@example.com', 'x@example.com', NULL, '', '2026-01-01 00:00:00', 0)
                """);
        }
        await using (var db = new PortalDbContext(options.Options))
        {
            await PortalDatabase.MigrateAsync(db);
            var rows = await db.Contacts.OrderBy(c => c.Id).Select(c => new { c.FirstNameKey, c.LastNameKey }).ToListAsync();
            Assert.Equal(("ada", "lovelace"), (rows[0].FirstNameKey, rows[0].LastNameKey));
            Assert.Equal((null, null), (rows[1].FirstNameKey, rows[1].LastNameKey));
        }
        SqliteConnection.ClearAllPools();
    }
}
