using ClientPortal.Bench;

// Benchmarks and load drivers. `--smoke` runs each at a tiny size, as ClientPortal.Bench.Tests does so they never rot.
var smoke = args.Contains("--smoke");
var positional = args.Where(a => !a.StartsWith("--")).ToArray();
var only = positional.FirstOrDefault();
// An optional size after the name (e.g. `redeem 3000`) for quicker iterations while profiling.
int? size = positional.Length > 1 && int.TryParse(positional[1], out var n) ? n : null;
int? width = positional.Length > 2 && int.TryParse(positional[2], out var w) ? w : null;
Console.WriteLine($"Client Portal benchmarks · {Environment.ProcessorCount} cores · " +
    $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(smoke ? " · smoke run" : "")}");

if (only is null or "contacts")
    Figures.Table("Contacts grid and dashboard",
        await ContactsBench.GridAsync(smoke ? [1_000] : [10_000, 100_000, 1_000_000], smoke ? 3 : 21));
if (only is null or "import")
    Figures.Table("CSV import", await ContactsBench.ImportAsync(smoke ? 1_000 : 100_000));
if (only is null or "messaging")
    Figures.Table("Login emails", await MessagingBench.RunAsync(smoke ? 200 : 10_000));
if (only is null or "messaging" or "delivery")
    Figures.Table("Login email delivery (smtp-sink)", await MessagingBench.DeliveryAsync(smoke ? 100 : size ?? 10_000,
        width is { } lanes ? [lanes] : smoke ? [0] : [0, 1, 4, 8, 16, 32]));
if (only is null or "redeem")
    Figures.Table("Magic-link redemption (real app, loopback HTTP)",
        await RedemptionBench.RunAsync(smoke ? 100 : size ?? 10_000, smoke ? 4 : width ?? 32));
if (only is null or "scale")
    Figures.Table("Magic-link redemption: SQLite, PostgreSQL, two nodes",
        await ScaleBench.RunAsync(smoke ? 100 : size ?? 6_000, smoke ? 4 : width ?? 32));
if (only is null or "api")
    Figures.Table("Integration API (wrk)",
        await ApiBench.RunAsync(smoke ? 200 : size ?? 60_000, smoke ? 2 : 10,
        smoke ? [4] : width is { } c ? [c] : [8, 16, 32]));
if (only is null or "live")
    Figures.Table("Live dashboard", await LiveLatencyBench.RunAsync(smoke ? 5 : 60));
if (only is "memory") // the memory half of `circuits` alone, for quicker iterations
    Figures.Table("Open admin dashboards", await CircuitsBench.RunAsync([], 0, size is { } m ? [m] : [100, 500]));
if (only is null or "circuits")
    Figures.Table("Open admin dashboards",
        await CircuitsBench.RunAsync(smoke ? [2] : [1, 10, 100], smoke ? 2 : 20, smoke ? [3] : [100, 500]));
return 0;

/// <summary>Internal: a project referencing this one (and so the portal) means the portal's Program.</summary>
internal partial class Program;
