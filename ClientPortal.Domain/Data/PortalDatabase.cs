using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientPortal.Domain.Data;

/// <summary>Where the database lives and how a context is configured.</summary>
public static class PortalDatabase
{
    public const string FileName = "portal.db";

    public static string ConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, FileName),
        ForeignKeys = true,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas())
            // Migrations are hand-written without a model snapshot (no `dotnet ef` here), so EF cannot
            // compare against one. MigrationDriftTests proves the migrated schema equals the model instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>Applies migrations and switches the file to WAL (a persistent setting of the file).</summary>
    public static async Task MigrateAsync(PortalDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
