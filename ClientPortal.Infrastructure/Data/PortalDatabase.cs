using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Infrastructure.Data;

/// <summary>Where the database lives and how a context is configured.</summary>
public static class PortalDatabase
{
    public const string FileName = "portal.db";

    /// <summary>
    /// The hand-written migrations of the releases before generated migrations. A database holding all of them has
    /// exactly the schema of the first generated migration (MigrationUpgradeTests proves it on a committed database of
    /// that release), so its history is rewritten to that migration instead of running it.
    /// </summary>
    internal static readonly string[] HandWrittenMigrations =
    [
        "20261122000000_Initial", "20261122020000_ContactNameKeys", "20261122030000_OutboxAndLoginRequests",
        "20261122040000_TemplatesJobsEmailSettings", "20261122050000_FunnelIndex", "20261122060000_InviteResend",
        "20261122070000_LearnerPortal", "20261122080000_Workflows", "20261122090000_ContactTallies",
    ];

    public static string ConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, FileName),
        ForeignKeys = true,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static void Configure(DbContextOptionsBuilder options, DatabaseTarget target)
    {
        // Migrating compares the model with the last migration's snapshot before it applies anything, a diff that
        // costs every start and every admin command about a third of a CPU-second. MigrationTests runs that comparison
        // on each provider instead, so a model change without its migration fails the build's tests, not a start.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (target.IsPostgreSql)
        {
            // A list in a query is one array parameter (= ANY (@p)), the provider's default.
            options.UseNpgsql(target.ConnectionString,
                npgsql => npgsql.MigrationsAssembly(DatabaseTarget.PostgreSqlMigrationsAssembly));
            return;
        }
        options
            // A list in a query (Contains over up to a thousand emails or ids per batch) goes to SQLite as one JSON
            // parameter read by json_each, not one parameter per item (EF Core 10's default), whose binding cost grows
            // with the number of parameters.
            .UseSqlite(target.ConnectionString,
                sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new SqlitePragmas());
    }

    /// <summary>
    /// A context outside any host (`dotnet ef`, tools and tests that open a data folder directly). Identity's part of
    /// the model follows its options, which a host provides; here they come from a provider holding only those.
    /// </summary>
    public static PortalDbContext Standalone(string connectionString) =>
        Standalone(new DatabaseTarget(DatabaseProvider.Sqlite, connectionString));

    public static PortalDbContext Standalone(DatabaseTarget target)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        Configure(options, target);
        options.UseApplicationServiceProvider(IdentityOnly.Value);
        return new PortalDbContext(options.Options);
    }

    private static readonly Lazy<IServiceProvider> IdentityOnly = new(() =>
        new ServiceCollection().Configure<IdentityOptions>(PortalDbContext.UseIdentitySchema).BuildServiceProvider());

    /// <summary>Migrates the database of <paramref name="target"/> outside any host (tools, a test's template
    /// database).</summary>
    public static async Task MigrateAsync(DatabaseTarget target, CancellationToken ct = default)
    {
        await using var db = Standalone(target);
        await MigrateAsync(db, ct);
    }

    /// <summary>
    /// Applies migrations and, on SQLite, switches the file to WAL (a persistent setting of the file). A database this
    /// build cannot read is refused before anything is written.
    /// </summary>
    /// <exception cref="DatabaseVersionException">the database was made by a newer or an unsupported older
    /// build.</exception>
    /// <exception cref="PortalStartException">the database server cannot be reached or refuses the
    /// connection.</exception>
    public static async Task MigrateAsync(PortalDbContext db, CancellationToken ct = default)
    {
        var known = db.Database.GetMigrations().ToList();
        List<string> applied;
        try
        {
            // Asked only of a database that has a history: a fresh one would log the failed query as an error.
            applied = await db.GetService<IHistoryRepository>().ExistsAsync(ct)
                ? (await db.Database.GetAppliedMigrationsAsync(ct)).ToList()
                : [];
        }
        catch (Exception ex) when (db.Database.IsNpgsql()
            && ex is DbException or InvalidOperationException or TimeoutException)
        {
            throw Unreachable(db.Database.GetConnectionString(), ex);
        }
        var source = db.Database.IsSqlite() ? db.Database.GetDbConnection().DataSource : db.Database.GetDbConnection()
            .Database;

        var unknown = applied.Except(known).Except(HandWrittenMigrations).ToList();
        if (unknown.Count > 0)
            throw new DatabaseVersionException(
                $"The database {source} was made by a newer version of Client Portal (its schema step " +
                $"{unknown.Max()} is unknown to this build, which knows up to {known[^1]}). Nothing was changed. Run " +
                "that newer version, or restore a backup taken before it was installed.");

        var handWritten = applied.Intersect(HandWrittenMigrations).ToList();
        if (handWritten.Count > 0)
        {
            if (handWritten.Count != HandWrittenMigrations.Length)
                throw new DatabaseVersionException(
                    $"The database {source} was made by a development build from before the November 2026 release " +
                    $"(its last schema step is {handWritten.Max()}). Nothing was changed. Start the November 2026 " +
                    "release on it once to bring it up to date, then this version.");
            await AdoptHandWrittenAsync(db, known[0], ct);
        }

        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// Opens one connection to a PostgreSQL target before anything else starts, so that a wrong address, password or a
    /// stopped server ends start-up with one sentence instead of the host's and EF's logged stack traces. A database
    /// that does not exist yet is fine: migrating creates it when the user may.
    /// </summary>
    /// <exception cref="PortalStartException">the server cannot be reached or refuses the connection.</exception>
    public static async Task ProbeAsync(DatabaseTarget target, CancellationToken ct = default)
    {
        if (!target.IsPostgreSql) return;
        await using var connection = new Npgsql.NpgsqlConnection(target.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw Unreachable(target.ConnectionString, ex);
        }
    }

    private static PortalStartException Unreachable(string? connectionString, Exception ex)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var reason = ex is Npgsql.PostgresException pg ? pg.MessageText : (ex.InnerException ?? ex).Message;
        return new PortalStartException($"cannot open the PostgreSQL database \"{b.Database}\" on {b.Host}:{b.Port}: " +
            $"{reason.TrimEnd('.')}. " +
                                        "Check ConnectionStrings:Portal and that the server is running.", ex);
    }

    /// <summary>Replaces the hand-written history with the first generated migration, whose schema it already
    /// has.</summary>
    private static async Task AdoptHandWrittenAsync(PortalDbContext db, string baseline, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var id in HandWrittenMigrations)
            await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), ct);
        await db.Database.ExecuteSqlRawAsync(
            history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), ct);
        await tx.CommitAsync(ct);
    }
}

/// <summary>The database's schema is one this build does not know how to upgrade; nothing was changed.</summary>
public sealed class DatabaseVersionException(string message) : PortalStartException(message);
