using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ClientPortal.Testing;

/// <summary>
/// The Node test tools of <c>ClientPortal.Testing/node</c> (installed by the README's test command from the lock file):
/// scripts run with Debian's node, their output collected.
/// </summary>
public static class NodeTools
{
    /// <summary>The folder with package.json and node_modules.</summary>
    public static string Folder { get; } = Locate();

    private static string Locate([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "node");

    public static string Module(string relative) => Path.Combine(Folder, "node_modules", relative);

    /// <summary>Runs node with these arguments in the tools' folder; the exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
            throw new InvalidOperationException($"The Node test tools are not installed: run `npm ci` in {Folder} " +
                $"(the README's test command does).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true,
            RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments)} did not finish in {timeout}: " +
                $"{await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Starts a long-running node script (a server); the caller stops it.</summary>
    public static Process Start(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true,
            RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        return process;
    }
}
