using System.Net;
using ClientPortal.App.Features.Setup;
using ClientPortal.App.Realtime;
using ClientPortal.Domain.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClientPortal.Bench;

/// <summary>
/// Learner POST → admin DOM: a learner redeems a link over HTTP while an admin dashboard is open in headless
/// Chromium; the time until the Active count shows the new number, measured in the browser, over many trials.
/// </summary>
public static class LiveLatencyBench
{
    public static async Task<List<(string, string, string)>> RunAsync(int trials)
    {
        await using var portal = await LocalPortal.StartAsync();
        var app = portal.App;
        var url = portal.Url;
        await app.Services.GetRequiredService<OwnerSetup>()
            .CreateOwnerAsync("owner@example.com", null, "Str0ng!Passw0rd");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url + "/account/login");
        await page.FillAsync("#email", "owner@example.com");
        await page.FillAsync("#password", "Str0ng!Passw0rd");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=active-count]");

        // Invitations go out before the trials (as they do long before a learner clicks).
        var tokens = await portal.IssueLinksAsync(trials, "live", MagicLinkPurpose.Invite);
        using var http = portal.Client();
        var latencies = new List<double>();
        for (var n = 0; n < trials; n++)
        {
            var token = tokens[n];
            var expected = (n + 1).ToString();
            await SettleAsync();
            // Start watching in the page first: the clock is the browser's, from just before the POST.
            var watch = page.EvaluateAsync<double>("""
                expected => new Promise(resolve => {
                  const el = () => document.querySelector('[data-testid=active-count]');
                  const start = performance.now();
                  const check = () => el() && el().textContent.trim() === expected
                    ? resolve(performance.now() - start) : requestAnimationFrame(check);
                  window.__cpStart = start; check();
                })
                """, expected);
            using var response = await http.SendAsync(portal.Redeem(token));
            if (response.StatusCode != HttpStatusCode.Redirect) throw new
                InvalidOperationException($"redeem answered {response.StatusCode}");
            latencies.Add(await watch);
        }
        latencies.Sort();
        return
        [
            ($"learner POST → admin DOM change, {trials} trials, 1 dashboard",
                $"median {latencies[trials / 2]:F0} ms, p95 {latencies[(int)(trials * 0.95)]:F0} ms",
                    "p95 < 150 ms (issue 10, at 100 dashboards)"),
        ];
    }

    /// <summary>
    /// Waits out the hub's coalescing window after its last refresh, so the next click is a lone change (one within
    /// the window of another is held until the window ends, by design: a burst costs one refresh per window).
    /// </summary>
    public static Task SettleAsync() =>
        Task.Delay(DashboardHub.CoalesceWindow * 2 + TimeSpan.FromMilliseconds(100));
}
