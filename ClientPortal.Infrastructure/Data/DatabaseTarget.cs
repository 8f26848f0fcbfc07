using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClientPortal.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Which database the portal runs on: <c>Portal:Database:Provider</c> (<c>Sqlite</c>, the default, a file in the data
/// folder; or <c>PostgreSQL</c>) with <c>ConnectionStrings:Portal</c> (PostgreSQL's, required for it).
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string PostgreSqlMigrationsAssembly = "ClientPortal.Infrastructure.PostgreSql";

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    public static DatabaseTarget Sqlite(string dataDirectory) =>
        new(DatabaseProvider.Sqlite, PortalDatabase.ConnectionString(dataDirectory));

    /// <summary>Where the database is, for messages: the file, or PostgreSQL's host, port and database (never the
    /// password).</summary>
    public string Describe()
    {
        if (!IsPostgreSql) return new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database \"{b.Database}\" on {b.Host}:{b.Port}";
    }

    /// <summary>
    /// Npgsql settings the portal's traffic wants, unless the connection string sets them: statements the portal runs
    /// over and over (every sign-in's) are prepared on each connection after their second use instead of parsed and
    /// planned every time; and a connection going back to the pool is not reset (the portal keeps no session state on
    /// it: no temporary tables, no SET), which saves a round trip on nearly every query, since EF opens and closes a
    /// connection per query.
    /// </summary>
    private static NpgsqlConnectionStringBuilder Tuned(NpgsqlConnectionStringBuilder b, string given)
    {
        // Npgsql's builder answers every keyword it knows; the plain builder tells what the operator actually wrote.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = given };
        bool Set(params string[] names) => names.Any(written.ContainsKey);
        if (!Set("Max Auto Prepare", "MaxAutoPrepare")) b.MaxAutoPrepare = 100;
        if (!Set("Auto Prepare Min Usages", "AutoPrepareMinUsages")) b.AutoPrepareMinUsages = 2;
        if (!Set("No Reset On Close", "NoResetOnClose")) b.NoResetOnClose = true;
        return b;
    }

    /// <summary>Reads the configured target; a setting that cannot work is refused here, in one sentence.</summary>
    /// <exception cref="PortalStartException">an unknown provider, or a missing or malformed connection
    /// string.</exception>
    public static DatabaseTarget From(string? provider, string? connectionString, string dataDirectory)
    {
        switch (provider?.Trim().ToLowerInvariant())
        {
            case null or "" or "sqlite":
                if (!string.IsNullOrWhiteSpace(connectionString))
                    throw new PortalStartException("ConnectionStrings:Portal is set but Portal:Database:Provider is " +
                        "not PostgreSQL; the embedded SQLite database lives in the data folder and takes no " +
                        "connection string.");
                return Sqlite(dataDirectory);
            case "postgresql" or "postgres" or "npgsql":
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new PortalStartException("Portal:Database:Provider is PostgreSQL but " +
                        "ConnectionStrings:Portal is empty; set it, e.g. " +
                        "\"Host=db;Database=portal;Username=portal;Password=...\".");
                NpgsqlConnectionStringBuilder parsed;
                try
                {
                    parsed = new NpgsqlConnectionStringBuilder(connectionString);
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
                {
                    throw new PortalStartException($"ConnectionStrings:Portal is not a PostgreSQL connection string: " +
                        $"{ex.Message}");
                }
                if (string.IsNullOrWhiteSpace(parsed.Host))
                    throw new PortalStartException("ConnectionStrings:Portal names no Host for PostgreSQL.");
                return new DatabaseTarget(DatabaseProvider.PostgreSql, Tuned(parsed, connectionString)
                    .ConnectionString);
            default:
                throw new PortalStartException($"Portal:Database:Provider \"{provider}\" is not known; use Sqlite " +
                    $"(the default) or PostgreSQL.");
        }
    }
}

/// <summary>The portal cannot start as configured; the message says why in one sentence, and nothing was
/// changed.</summary>
public class PortalStartException(string message, Exception? inner = null) : Exception(message, inner);
