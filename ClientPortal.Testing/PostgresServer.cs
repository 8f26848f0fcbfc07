using System.Diagnostics;
using Npgsql;

namespace ClientPortal.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's package, started once per test process on a free loopback port in a
/// temporary folder (fsync off: it is thrown away) and stopped when the process ends. Each test takes a database of its
/// own, copied from a template the caller prepares once (<see cref="CreateDatabaseAsync"/>), and drops it afterwards.
/// <c>PORTAL_TEST_POSTGRES</c> (a connection string) points the tests at a running server instead.
/// </summary>
public sealed class PostgresServer
{
    public const string ServerVariable = "PORTAL_TEST_POSTGRES";
    private static readonly Lazy<PostgresServer> Shared = new(Start);
    private readonly SemaphoreSlim _template = new(1, 1);
    private string? _templateName;

    /// <summary>The server's superuser connection string to its "postgres" database.</summary>
    public string ConnectionString { get; }

    private PostgresServer(string connectionString) => ConnectionString = connectionString;

    public static PostgresServer Instance => Shared.Value;

    /// <summary>Where Debian's PostgreSQL keeps its programs (newest version first); null when it is not
    /// installed.</summary>
    public static string? BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal)
                    .FirstOrDefault()
            : null;

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string For(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// A new, empty-of-tests database copied from the template that <paramref name="prepareTemplate"/> fills once per
    /// process (migrations), which makes each test's database a file copy instead of a migration run.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(Func<string, Task> prepareTemplate)
    {
        await _template.WaitAsync();
        try
        {
            if (_templateName is null)
            {
                var name = "portal_template";
                await ExecuteAsync($"DROP DATABASE IF EXISTS {name}");
                await ExecuteAsync($"CREATE DATABASE {name}");
                await prepareTemplate(For(name));
                NpgsqlConnection.ClearAllPools(); // a template must have no connections when it is copied
                _templateName = name;
            }
            var database = "t_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync($"CREATE DATABASE {database} TEMPLATE {_templateName}");
            return For(database);
        }
        finally
        {
            _template.Release();
        }
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        // Its pool's idle connections would otherwise hold server slots for the rest of the run.
        await using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given) return new
            PostgresServer(given);
        var bin = BinDirectory ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install Debian's postgresql package, " +
            $"or set {ServerVariable} to a server's connection string.");
        var folder = Directory.CreateTempSubdirectory("cp-postgres-").FullName;
        // PostgreSQL refuses to run as root: as root, the cluster belongs to the package's postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", "postgres", folder);
        var data = Path.Combine(folder, "data");
        var port = LoopbackPort.Free();
        Run(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-locale", "--no-sync");
        Run(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "120", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
            "-c full_page_writes=off -c max_connections=500 -c shared_buffers=64MB", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            Run(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "stop");
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool " +
            $"Size=20");
    }

    private static void Run(string program, params string[] args) => Run(false, program, args);

    private static void Run(bool asPostgres, string program, params string[] args)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asPostgres) foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): " +
                $"{error.Result}{output.Result}");
    }
}
