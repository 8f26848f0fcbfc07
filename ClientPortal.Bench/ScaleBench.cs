using System.Diagnostics;
using System.Net;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Testing;

namespace ClientPortal.Bench;

/// <summary>
/// Magic-link redemption on the three deployments, in one run: SQLite with one node; PostgreSQL with one node;
/// PostgreSQL with two nodes and Redis (requests alternate between the nodes). Both nodes live in this process and
/// share this machine's cores with PostgreSQL, so two nodes measure the cost of coordination, not added capacity; the
/// machine's CPU time per sign-in (every process: portal, PostgreSQL, Redis) is what docs/scaling.md plans with.
/// </summary>
public static class ScaleBench
{
    public static async Task<List<(string, string, string)>> RunAsync(int links, int concurrency)
    {
        var rows = new List<(string, string, string)>();
        await using (var sqlite = await LocalPortal.StartAsync())
            rows.AddRange(await MeasureAsync("SQLite, 1 node", [sqlite], links, concurrency));

        var postgres = PostgresServer.Instance;
        var one = await postgres.CreateDatabaseAsync(Migrate);
        await using (var node = await LocalPortal.StartAsync(PostgreSql(one, "a")))
            rows.AddRange(await MeasureAsync("PostgreSQL, 1 node", [node], links, concurrency));
        await postgres.DropDatabaseAsync(one);

        var two = await postgres.CreateDatabaseAsync(Migrate);
        await using var redis = await RedisServer.StartAsync();
        await using (var a = await LocalPortal.StartAsync([.. PostgreSql(two, "a"),
            $"--ConnectionStrings:Redis={redis.ConnectionString}"]))
        await using (var b = await LocalPortal.StartAsync([.. PostgreSql(two, "b"),
            $"--ConnectionStrings:Redis={redis.ConnectionString}"]))
            rows.AddRange(await MeasureAsync("PostgreSQL + Redis, 2 nodes", [a, b], links, concurrency));
        await postgres.DropDatabaseAsync(two);
        return rows;
    }

    private static Task Migrate(string connectionString) =>
        PortalDatabase.MigrateAsync(new DatabaseTarget(DatabaseProvider.PostgreSql, connectionString));

    // BENCH_POSTGRES_SETTINGS: more connection-string settings, to compare Npgsql's (e.g. "Max Auto Prepare=0").
    private static string[] PostgreSql(string connectionString, string node) =>
        ["--Portal:Database:Provider=PostgreSQL",
         ("--ConnectionStrings:Portal=" + connectionString + ";" +
          Environment.GetEnvironmentVariable("BENCH_POSTGRES_SETTINGS")).TrimEnd(';'),
         $"--Portal:NodeName={node}"];

    private static async Task<List<(string, string, string)>> MeasureAsync(string name, LocalPortal[] nodes, int links,
        int concurrency)
    {
        var warmup = Math.Max(links / 5, 50);
        var tokens = await nodes[0].IssueLinksAsync(links + warmup, "scale", MagicLinkPurpose.AdminGenerated);
        var clients = nodes.Select(n => n.Client(concurrency)).ToArray();
        var next = 0;
        Task<HttpResponseMessage> RedeemNext(int n)
        {
            var token = tokens[Interlocked.Increment(ref next) - 1];
            return clients[n % nodes.Length].SendAsync(nodes[n % nodes.Length].Redeem(token));
        }
        await RedemptionBench.LoadAsync(warmup, concurrency, RedeemNext, HttpStatusCode.Redirect);
        if (links >= 1000) await Task.Delay(TimeSpan.FromSeconds(2)); // lets the background JIT finish
        var cpu = MachineCpu.Now();
        var own = Process.GetCurrentProcess().TotalProcessorTime;
        var load = await RedemptionBench.LoadAsync(links, concurrency, RedeemNext, HttpStatusCode.Redirect);
        var cpuMs = (MachineCpu.Now() - cpu).TotalMilliseconds / links;
        // This process is the portal nodes and the load driver; the rest of the machine's time is the database's (and
        // Redis').
        var portalMs = (Process.GetCurrentProcess().TotalProcessorTime - own).TotalMilliseconds / links;
        var trivial = await RedemptionBench.LoadAsync(links, concurrency,
            n => clients[n % nodes.Length].GetAsync("/healthz/live"), HttpStatusCode.OK);
        foreach (var c in clients) c.Dispose();
        return
        [
            ($"{name}: redemption, {links:N0} links × {concurrency} concurrent", RedemptionBench.Describe(load),
                $"{cpuMs:F2} CPU-ms per sign-in ({portalMs:F2} nodes and driver, {Math.Max(0, cpuMs - portalMs):F2} " +
                    "the rest)"),
            ($"{name}: trivial endpoint, same run", RedemptionBench.Describe(trivial), ""),
        ];
    }

    /// <summary>CPU time the whole machine spent (every process), from /proc/stat.</summary>
    private static class MachineCpu
    {
        public static TimeSpan Now()
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(long.Parse).ToArray();
            // user, nice, system, idle, iowait, irq, softirq, steal: busy = all but idle and iowait. Ticks are 1/100 s.
            var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
            return TimeSpan.FromMilliseconds(busy * 10);
        }
    }
}
