using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClientPortal.App.Features.ApiKeys;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Bench;

/// <summary>
/// The integration API under load, driven by Debian's wrk (a Lua script): a checkout's calls — grant an offer to a
/// contact, then issue that contact a magic link — alternating over fresh contacts, so every grant is a real write;
/// then the trivial /healthz/live on the same portal, for the machine's ceiling in the same run.
/// </summary>
public static class ApiBench
{
    public static async Task<List<(string, string, string)>> RunAsync(int contacts, int seconds, int[] connections)
    {
        await using var portal = await LocalPortal.StartAsync("--Portal:Api:RequestsPerSecond=1000000",
            "--Portal:Api:Burst=1000000");
        var actor = new Actor("bench", "bench", Roles.Owner);
        var catalogProducts = portal.Services.GetRequiredService<CatalogProducts>();
        var catalogOffers = portal.Services.GetRequiredService<CatalogOffers>();
        var product = (await catalogProducts.CreateProductAsync(new ProductDetails("Bench Course", null,
            ProductKind.Course, null), actor)).Value;
        var offer = (await catalogOffers.SaveOfferAsync(null, "Bench Offer", null, [product], actor)).Value;
        var csv = new StringBuilder("email,first_name,last_name\n");
        for (var n = 0; n < contacts; n++) csv.Append($"api{n}@example.com,Api,L{n}\n");
        var import = portal.Services.GetRequiredService<ContactImport>();
        var imported = await import.ImportAsync(await import.PreviewAsync(new
            MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))), actor);
        if (imported.Created != contacts) throw new InvalidOperationException($"imported {imported.Created} of " +
            $"{contacts} contacts");
        var first = (await portal.Services.GetRequiredService<ContactDirectory>()
            .FindByEmailAsync("api0@example.com"))!.Id;
        var key = (await portal.Services.GetRequiredService<ApiKeys>()
            .CreateAsync("wrk", [ApiScopes.GrantsWrite, ApiScopes.LinksWrite],
            Actor.System("command line"))).Value.Token;

        var script = Path.Combine(portal.Dir, "checkout.lua");
        // Each run has its own slice of the contacts (and each wrk thread half of it), so grants stay writes; the
        // first slice is an unrecorded warm-up, so the figures are the portal's steady state rather than its JIT.
        var slice = contacts / (connections.Length + 1);
        await File.WriteAllTextAsync(script, Script(key, first, slice / 2, offer));
        await WrkAsync(portal.Url + "/", connections.Max(), Math.Max(2, seconds * 2), script, 0);
        var rows = new List<(string, string, string)>();
        for (var run = 0; run < connections.Length; run++)
        {
            var c = connections[run];
            var api = await WrkAsync(portal.Url + "/", c, seconds, script, (run + 1) * slice);
            rows.Add(($"grant + issue link, {c} connections",
                $"{api.Rps:N0} req/s · p50 {api.P50} · p99 {api.P99}{Errors(api)}", "≥ 1,000 req/s, p99 < 25 ms"));
        }
        var live = await WrkAsync(portal.Url + "/healthz/live", connections.Max(), seconds, null, 0);
        rows.Add(($"/healthz/live, {connections.Max()} connections",
            $"{live.Rps:N0} req/s · p50 {live.P50} · p99 {live.P99}{Errors(live)}", "—"));
        return rows;
    }

    private static string Errors(WrkResult r) => r.NonSuccess > 0 ? $" · {r.NonSuccess:N0} non-2xx" : "";

    /// <summary>
    /// wrk's two threads each walk their own stripe of the run's slice; odd requests grant, even ones issue a link to
    /// the same contact (an integration's two calls per sale). A stripe walked to its end starts over (grants then
    /// change nothing).
    /// </summary>
    private static string Script(string key, long first, int stripe, long offer) => $$"""
        local first, stripe, offer = {{first}}, {{stripe}}, {{offer}}
        local counter = 0
        function setup(thread)
          thread:set("index", counter)
          counter = counter + 1
        end
        function init(args)
          base = tonumber(args[1] or "0")
          n = 0
          wrk.headers["Authorization"] = "Bearer {{key}}"
          wrk.headers["Content-Type"] = "application/json"
        end
        function request()
          n = n + 1
          local contact = first + base + index * stripe + math.floor((n - 1) / 2) % stripe
          if n % 2 == 1 then
            return wrk.format("POST", "/api/v1/contacts/" .. contact .. "/grants", nil, '{"offerId":' .. offer .. '}')
          end
          return wrk.format("POST", "/api/v1/contacts/" .. contact .. "/magic-links", nil, '{}')
        end
        """;

    private sealed record WrkResult(double Rps, string P50, string P99, long NonSuccess);

    /// <summary>Asynchronous so that waiting for wrk does not hold one of the portal's thread-pool threads.</summary>
    private static async Task<WrkResult> WrkAsync(string url, int connections, int seconds, string? script, int offset)
    {
        var args = $"-t2 -c{connections} -d{seconds}s --latency " +
            $"{(script is null ? "" : $"-s {script} ")}{url}{(script is null ? "" : $" {offset}")}";
        var start = new ProcessStartInfo("wrk", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk {args} failed:\n{output}");
        string Latency(string p) => Regex.Match(output, $@"^\s+{p}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value,
            CultureInfo.InvariantCulture);
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)") is { Success: true } m
            ? long.Parse(m.Groups[1].Value) : 0;
        return new WrkResult(rps, Latency("50"), Latency("99"), non2xx);
    }
}
