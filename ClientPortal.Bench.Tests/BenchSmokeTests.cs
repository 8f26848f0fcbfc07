using ClientPortal.Testing;

namespace ClientPortal.Bench.Tests;

/// <summary>Each benchmark at a tiny size, so the drivers never rot. Figures are not asserted (noisy
/// machines).</summary>
public class BenchSmokeTests
{
    [Fact]
    public async Task Contacts_grid_and_dashboard_bench_runs()
    {
        var rows = await ContactsBench.GridAsync([500], runs: 2);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.EndsWith(" ms", r.Item2));
    }

    [Fact]
    public async Task Csv_import_bench_runs()
    {
        var rows = await ContactsBench.ImportAsync(500);
        Assert.Contains("rows/s", Assert.Single(rows).Item2);
    }
}

public class RedemptionBenchSmokeTests
{
    [Fact]
    public async Task Redemption_load_driver_runs_against_the_real_app()
    {
        var rows = await RedemptionBench.RunAsync(100, 4);
        // In-process (one caller, then concurrent), baseline, one row per concurrency (1, 2, 4), the ratio, the WAL;
        // every redemption answered with a redirect (a refused one fails the run).
        Assert.Equal(8, rows.Count);
        Assert.EndsWith("MB)", rows[^1].Item2);
        Assert.All(rows.Skip(1).Take(5), r => Assert.Contains("req/s", r.Item2));
        Assert.Single(rows, r => r.Item3.StartsWith("knee"));
    }
}

public class ScaleBenchSmokeTests
{
    [Fact]
    public async Task The_three_deployments_are_measured_in_one_run()
    {
        // SQLite, PostgreSQL (the tests' throwaway cluster) and two nodes with Redis: a redemption row and a baseline
        // row each, every redemption answered with a redirect (a refused one fails the run).
        var rows = await ScaleBench.RunAsync(100, 4);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Contains("req/s", r.Item2));
        Assert.Equal(["SQLite, 1 node", "PostgreSQL, 1 node", "PostgreSQL + Redis, 2 nodes"],
            rows.Where((_, i) => i % 2 == 0).Select(r => r.Item1.Split(':')[0]));
        Assert.All(rows.Where((_, i) => i % 2 == 0), r => Assert.Contains("CPU-ms per sign-in", r.Item3));
    }
}

public class MessagingBenchSmokeTests
{
    [Fact]
    public async Task Login_email_bench_runs_against_aiosmtpd()
    {
        var rows = await MessagingBench.RunAsync(50);
        Assert.Equal(3, rows.Count); // enqueue: first job, third job; delivery of all three
        Assert.All(rows.Take(2), r => Assert.Matches(@"^\d+\.\d\d s \(", r.Item2));
        Assert.Contains("messages/s", rows[2].Item2);
    }

    [Fact]
    public async Task Delivery_bench_runs_against_postfix_smtp_sink()
    {
        Assert.True(PostfixSink.IsInstalled, "The test command installs Debian's postfix for smtp-sink.");
        var row = Assert.Single(await MessagingBench.DeliveryAsync(50, [0, 2])
            .ContinueWith(t => t.Result.Take(1).ToList()));
        Assert.Contains("(the default)", row.Item1);
        Assert.Matches(@"^[\d,]+ messages/s", row.Item2);
    }
}

public class LiveLatencyBenchSmokeTests
{
    [Fact]
    public async Task Live_latency_driver_runs_with_a_real_browser()
    {
        var rows = await LiveLatencyBench.RunAsync(3);
        Assert.Contains("median", Assert.Single(rows).Item2);
    }
}

public class CircuitsBenchSmokeTests
{
    [Fact]
    public async Task Many_dashboards_driver_runs_with_real_browsers()
    {
        // One Chromium tab and two dashboards over Blazor's protocol, each of which must see the learner's entry.
        var rows = await CircuitsBench.RunAsync([3], trials: 2, circuits: [3], browserTabs: 1);
        Assert.Equal(2, rows.Count);
        Assert.Contains("1 Chromium tab + 2 protocol-level circuits", rows[0].Item1);
        Assert.Contains("p95", rows[0].Item2);
        Assert.Contains("KB RSS per circuit", rows[1].Item2);
    }
}
