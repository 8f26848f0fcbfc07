using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Data.Services;

/// <summary>Pragmas are applied once per physical connection; a pooled connection must still carry them on every
/// use.</summary>
// SQLite's own (its file, pragmas, WAL or a process on the default database): the PostgreSQL pass leaves it out
[Trait("Provider", "Sqlite")]
public class SqlitePragmaTests
{
    [Fact]
    public async Task Every_context_from_the_pool_writes_durably_waits_for_the_lock_and_enforces_foreign_keys()
    {
        await using var host = await DomainHost.StartAsync();
        for (var use = 0; use < 5; use++)
        {
            await using var db = host.NewDb();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(2L, await Scalar(db, "PRAGMA synchronous")); // FULL
            Assert.Equal(10000L, await Scalar(db, "PRAGMA busy_timeout"));
            Assert.Equal(1L, await Scalar(db, "PRAGMA foreign_keys"));
            Assert.Equal("wal", await Scalar(db, "PRAGMA journal_mode"));
        }
    }

    private static async Task<object?> Scalar(ClientPortal.Infrastructure.Data.PortalDbContext db, string sql)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}
