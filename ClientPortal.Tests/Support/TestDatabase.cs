using System.Collections.Concurrent;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Testing;

namespace ClientPortal.Tests.Support;

/// <summary>
/// The database of a test's portal: the SQLite file in its data folder, or, when
/// <c>PORTAL_TEST_PROVIDER=PostgreSQL</c>, a fresh database of its own on the tests' PostgreSQL server, tied to the
/// data folder so that reopening the folder (a restart) finds the same data.
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "PORTAL_TEST_PROVIDER";
    private static readonly ConcurrentDictionary<string, string> ByFolder = new();

    public static bool IsPostgreSql =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "PostgreSQL",
            StringComparison.OrdinalIgnoreCase);

    /// <summary>The target for a portal over <paramref name="dataDirectory"/>.</summary>
    public static DatabaseTarget For(string dataDirectory)
    {
        if (!IsPostgreSql) return DatabaseTarget.Sqlite(dataDirectory);
        return new DatabaseTarget(DatabaseProvider.PostgreSql, PostgreSql(dataDirectory));
    }

    /// <summary>A fresh, migrated PostgreSQL database whatever the pass (the multi-node tests); dropped by
    /// <see cref="ReleaseAsync"/>.</summary>
    public static string PostgreSql(string key) =>
        ByFolder.GetOrAdd(key, _ => PostgresServer.Instance.CreateDatabaseAsync(MigrateTemplateAsync).GetAwaiter()
            .GetResult());

    /// <summary>The configuration a web host needs for <see cref="For"/>'s target.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings(string dataDirectory)
    {
        var target = For(dataDirectory);
        if (!target.IsPostgreSql) yield break;
        yield return new("Portal:Database:Provider", "PostgreSQL");
        yield return new("ConnectionStrings:Portal", target.ConnectionString);
    }

    /// <summary>Drops the folder's database (PostgreSQL); the folder itself is the caller's.</summary>
    public static async Task ReleaseAsync(string dataDirectory)
    {
        if (ByFolder.TryRemove(dataDirectory, out var connectionString))
            await PostgresServer.Instance.DropDatabaseAsync(connectionString);
    }

    private static Task MigrateTemplateAsync(string connectionString) =>
        PortalDatabase.MigrateAsync(new DatabaseTarget(DatabaseProvider.PostgreSql, connectionString));
}
