using System.Diagnostics;
using System.Net;
using ClientPortal.App.Hosting;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Bench;

/// <summary>
/// Magic-link redemption against the real app (Kestrel on loopback, real SQLite file): POSTs of distinct
/// single-use links, next to a trivial endpoint of the same app in the same run.
/// </summary>
public static class RedemptionBench
{
    public static async Task<List<(string, string, string)>> RunAsync(int links, int concurrency)
    {
        await using var portal = await LocalPortal.StartAsync();
        var app = portal.App;
        var tokens = await IssueAsync(app.Services, links);
        using var http = portal.Client(concurrency);

        // In-process: the domain call alone, sequential.
        var links2 = app.Services.GetRequiredService<MagicLinkService>();
        var inProcessTokens = await IssueAsync(app.Services, 201, "inproc");
        var i = 0;
        var inProcess = await Figures.MedianMsAsync(200, _ => links2.RedeemAsync(inProcessTokens[i++], "bench-browser", Actor.System("bench")));

        var baseline = await LoadAsync(links, concurrency, _ => http.GetAsync("/healthz/live"), HttpStatusCode.OK);
        var redeem = await LoadAsync(links, concurrency, n => http.SendAsync(portal.Redeem(tokens[n])), HttpStatusCode.Redirect);

        return
        [
            ("redemption in-process (domain, median)", $"{inProcess:F2} ms", "—"),
            ($"trivial endpoint, {links:N0} GETs × {concurrency} concurrent", $"{baseline.Rps:N0} req/s (p50 {baseline.P50:F1} ms, p99 {baseline.P99:F1} ms)", "baseline"),
            ($"redemption, {links:N0} distinct single-use links × {concurrency} concurrent", $"{redeem.Rps:N0} req/s (p50 {redeem.P50:F1} ms, p99 {redeem.P99:F1} ms)", "p99 < 25 ms"),
            ("redemption / trivial throughput", $"{redeem.Rps / baseline.Rps:F2}", "≥ 0.25"),
        ];
    }

    private static async Task<string[]> IssueAsync(IServiceProvider services, int count, string prefix = "redeem")
    {
        var directory = services.GetRequiredService<ContactDirectory>();
        var links = services.GetRequiredService<MagicLinkService>();
        var admin = new Actor("bench", "bench", Roles.Owner);
        var tokens = new string[count];
        for (var n = 0; n < count; n++)
        {
            var contact = (await directory.CreateAsync(new ContactInput($"{prefix}{n}@example.com", "Bench", $"L{n}", null), admin)).Value!;
            tokens[n] = (await links.IssueAsync(new LinkRequest(contact.Id, null, MagicLinkPurpose.AdminGenerated), admin)).Value!.Token;
        }
        return tokens;
    }

    private sealed record Load(double Rps, double P50, double P99);

    private static async Task<Load> LoadAsync(int count, int concurrency, Func<int, Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var latencies = new double[count];
        var next = -1;
        var failures = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                var sw = Stopwatch.StartNew();
                using var response = await send(n);
                latencies[n] = sw.Elapsed.TotalMilliseconds;
                if (response.StatusCode != expected) Interlocked.Increment(ref failures);
            }
        }));
        var seconds = total.Elapsed.TotalSeconds;
        if (failures > 0) throw new InvalidOperationException($"{failures} of {count} requests did not answer {expected}.");
        Array.Sort(latencies);
        return new Load(count / seconds, latencies[count / 2], latencies[(int)(count * 0.99)]);
    }
}
