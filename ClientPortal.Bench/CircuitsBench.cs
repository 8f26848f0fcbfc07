using System.Diagnostics;
using System.Net;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Setup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClientPortal.Bench;

/// <summary>
/// Many open admin dashboards (each a Blazor circuit) in headless Chromium: the learner POST → DOM latency seen by
/// every dashboard, and the server's memory per open circuit (the portal runs in this process; browsers and, for the
/// memory figure, the script driving them do not).
/// </summary>
public static class CircuitsBench
{
    public static async Task<List<(string, string, string)>> RunAsync(int[] dashboards, int trials, int[] circuits)
    {
        var rows = new List<(string, string, string)>();
        await using var portal = await LocalPortal.StartAsync();
        await portal.Services.GetRequiredService<OwnerSetup>().CreateOwnerAsync("owner@example.com", null, "Str0ng!Passw0rd");
        using var playwright = await Playwright.CreateAsync();
        var browsers = new List<IBrowser>();
        var contexts = new List<IBrowserContext>();
        async Task<IBrowserContext> NewContextAsync(string? state)
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true,
                // Many tabs share a few renderer processes; none is throttled for being in the background.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--renderer-process-limit=6",
                    "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
            });
            browsers.Add(browser);
            var created = await browser.NewContextAsync(new() { StorageState = state });
            contexts.Add(created);
            return created;
        }
        var context = await NewContextAsync(null);
        var first = await context.NewPageAsync();
        await first.GotoAsync(portal.Url + "/account/login");
        await first.FillAsync("#email", "owner@example.com");
        await first.FillAsync("#password", "Str0ng!Passw0rd");
        await first.ClickAsync("button[type=submit]");
        await first.WaitForSelectorAsync("[data-testid=active-count]");
        var signedIn = await context.StorageStateAsync();
        var pages = new List<IPage> { first };
        // Chromium allows a few hundred WebSockets per browser: a fresh browser (same sign-in) for every 100 dashboards.
        async Task OpenAsync(int count)
        {
            while (pages.Count < count)
            {
                if (pages.Count >= contexts.Count * PagesPerBrowser) await NewContextAsync(signedIn);
                var target = contexts[^1];
                var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(10, Math.Min(count, contexts.Count * PagesPerBrowser) - pages.Count)).Select(async _ =>
                {
                    var page = await target.NewPageAsync();
                    await page.GotoAsync(portal.Url + "/admin");
                    await page.WaitForSelectorAsync("[data-testid=active-count]", new() { Timeout = 60_000 });
                    return page;
                }));
                pages.AddRange(batch);
            }
        }

        var directory = portal.Services.GetRequiredService<ContactDirectory>();
        var links = portal.Services.GetRequiredService<MagicLinkService>();
        var admin = new Actor("bench", "bench", Roles.Owner);
        using var http = portal.Client();
        var active = 0;
        foreach (var count in dashboards)
        {
            await OpenAsync(count);
            var samples = new List<double>();
            for (var t = 0; t < trials; t++)
            {
                var contact = (await directory.CreateAsync(new ContactInput($"c{count}t{t}@example.com", null, null, null), admin)).Value!;
                var token = (await links.IssueAsync(new LinkRequest(contact.Id, null, MagicLinkPurpose.Invite), admin)).Value!.Token;
                await Task.Delay(400); // the new contact's own refresh settles first, as a learner clicks later
                var expected = (++active).ToString();
                // Every dashboard watches with a MutationObserver and notes the wall-clock time of its change.
                await Task.WhenAll(pages.Select(p => p.EvaluateAsync("""
                    expected => {
                      window.__cpSeen = 0;
                      const el = document.querySelector('[data-testid=active-count]');
                      const seen = () => { if (!window.__cpSeen && el.textContent.trim() === expected) window.__cpSeen = Date.now(); };
                      new MutationObserver(seen).observe(el, { childList: true, characterData: true, subtree: true });
                    }
                    """, expected)));
                var posted = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                using var response = await http.SendAsync(portal.Redeem(token));
                if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"redeem answered {response.StatusCode}");
                var deadline = Stopwatch.StartNew();
                foreach (var page in pages)
                {
                    double seen;
                    while ((seen = await page.EvaluateAsync<double>("window.__cpSeen")) == 0)
                    {
                        if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"a dashboard never showed {expected}");
                        await Task.Delay(20);
                    }
                    samples.Add(seen - posted);
                }
            }
            samples.Sort();
            Add(rows, ($"learner POST → admin DOM, {count} open dashboards ({trials} trials × {count})",
                $"median {Percentile(samples, 0.5):F0} ms, p95 {Percentile(samples, 0.95):F0} ms", "p95 < 150 ms at 100 dashboards"));
        }

        // Memory: the dashboards above closed and collected, then N open circuits held by browsers that a separate
        // process drives, so the driver's own per-page objects are not counted as the server's.
        foreach (var p in pages) await p.CloseAsync();
        pages.Clear();
        var statePath = Path.Combine(Path.GetTempPath(), $"cp-bench-state-{Guid.NewGuid():N}.json");
        await contexts[0].StorageStateAsync(new() { Path = statePath });
        foreach (var c in contexts) await c.CloseAsync();
        foreach (var b in browsers) await b.DisposeAsync();
        try
        {
            await Task.Delay(500);
            var baseline = Memory();
            using var driver = BrowserDriver.Start(portal.Url + "/admin", statePath, circuits);
            foreach (var count in circuits)
            {
                await driver.WaitForAsync($"open {count}");
                await Task.Delay(2000);
                var now = Memory();
                Add(rows, ($"server memory with {count} open admin circuits",
                    $"{(now.Rss - baseline.Rss) / 1024.0 / count:N0} KB RSS per circuit ({now.Rss / 1048576.0:N0} MB total); managed heap {(now.Heap - baseline.Heap) / 1024.0 / count:N0} KB per circuit",
                    "≤ 250 KB per circuit above baseline"));
                driver.Continue();
            }
        }
        finally
        {
            File.Delete(statePath);
        }
        return rows;
    }

    /// <summary>
    /// Playwright's own Node driver (shipped beside this assembly) running a small script that opens the pages, in its
    /// own process: it prints "open N" at each count and waits for a line before opening more.
    /// </summary>
    private sealed class BrowserDriver : IDisposable
    {
        private const string Script = """
            const { chromium } = require(process.argv[2]);
            const [url, statePath, counts] = [process.argv[3], process.argv[4], process.argv[5].split(',').map(Number)];
            const lines = require('readline').createInterface({ input: process.stdin });
            const next = () => new Promise(resolve => lines.once('line', resolve));
            (async () => {
              const browsers = [], contexts = [];
              let open = 0;
              for (const count of counts) {
                while (open < count) {
                  if (open >= contexts.length * 100) {
                    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
                      args: ['--no-sandbox', '--disable-gpu', '--renderer-process-limit=6', '--disable-renderer-backgrounding',
                             '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'] });
                    browsers.push(browser);
                    contexts.push(await browser.newContext({ storageState: statePath }));
                  }
                  const ctx = contexts[contexts.length - 1];
                  const batch = Math.min(10, count - open, contexts.length * 100 - open);
                  await Promise.all(Array.from({ length: batch }, async () => {
                    const page = await ctx.newPage();
                    await page.goto(url);
                    await page.waitForSelector('[data-testid=active-count]', { timeout: 60000 });
                  }));
                  open += batch;
                }
                console.log(`open ${open}`);
                await next();
              }
              for (const b of browsers) await b.close();
              process.exit(0);
            })().catch(e => { console.error(e); process.exit(1); });
            """;

        private readonly Process _process;
        private readonly string _scriptPath;

        private BrowserDriver(Process process, string scriptPath)
        {
            _process = process;
            _scriptPath = scriptPath;
        }

        public static BrowserDriver Start(string url, string statePath, int[] counts)
        {
            var playwright = Path.Combine(AppContext.BaseDirectory, ".playwright");
            var scriptPath = Path.Combine(Path.GetTempPath(), $"cp-bench-driver-{Guid.NewGuid():N}.js");
            File.WriteAllText(scriptPath, Script);
            var start = new ProcessStartInfo(Path.Combine(playwright, "node", "linux-x64", "node"))
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[] { scriptPath, Path.Combine(playwright, "package"), url, statePath, string.Join(',', counts) }) start.ArgumentList.Add(a);
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  driver: {e.Data}"); };
            process.BeginErrorReadLine();
            return new BrowserDriver(process, scriptPath);
        }

        public async Task WaitForAsync(string line)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } read)
                if (read == line) return;
            throw new InvalidOperationException($"the browser driver exited (code {(_process.HasExited ? _process.ExitCode : -1)}) before \"{line}\"");
        }

        public void Continue() => _process.StandardInput.WriteLine();

        public void Dispose()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(30_000)) _process.Kill(entireProcessTree: true);
            _process.Dispose();
            File.Delete(_scriptPath);
        }
    }

    private const int PagesPerBrowser = 100;

    /// <summary>Prints each figure as it is measured (a long run that fails late keeps what it had).</summary>
    private static void Add(List<(string, string, string)> rows, (string, string, string) row)
    {
        rows.Add(row);
        Console.WriteLine($"  · {row.Item1}: {row.Item2}");
    }

    private static (long Rss, long Heap) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
