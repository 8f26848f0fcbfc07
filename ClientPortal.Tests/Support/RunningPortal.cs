using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ClientPortal.Tests.Support;

/// <summary>The real ClientPortal.App executable, started on a free loopback port with its own data folder.</summary>
public sealed class RunningPortal : IAsyncDisposable
{
    private Process _process;
    private readonly ProcessStartInfo _start;
    private readonly TempDirectory _dir;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    public string BaseUrl { get; }
    public string DataDirectory { get; }
    public string Output { get { lock (_gate) return _output.ToString(); } }
    public int ProcessId => _process.Id;

    private RunningPortal(Process process, ProcessStartInfo start, TempDirectory dir, string baseUrl,
        string dataDirectory)
    {
        _process = process;
        _start = start;
        _dir = dir;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    /// <summary>
    /// Where the executable is: a ReadyToRun copy when <see cref="AppDirectoryVariable"/> names one (scripts/test
    /// publishes it, and each start then takes about half the CPU of the plain build's, where a start mostly
    /// compiles), else the App project's build output.
    /// </summary>
    public static string AppDirectory =>
        Environment.GetEnvironmentVariable(AppDirectoryVariable) is { Length: > 0 } published ? published
            : typeof(RunningPortal).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "AppOutputDirectory").Value!;

    public const string AppDirectoryVariable = "PORTAL_TEST_APP_DIRECTORY";

    public static Task<RunningPortal> StartAsync(IDictionary<string, string>? environment = null,
        params string[] args) =>
        StartAsync("127.0.0.1", environment, args);

    /// <summary>SIGKILL, as a crash or a lost machine: no shutdown of any kind.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// On http://localhost:…, its public address too: WebAuthn wants a host name (an IP address cannot be a passkey's
    /// relying party), and treats localhost as a secure origin.
    /// </summary>
    public static Task<RunningPortal> StartOnLocalhostAsync(params string[] args) =>
        StartAsync("localhost", null, args);

    private static Task<RunningPortal> StartAsync(string host, IDictionary<string, string>? environment, string[] args)
    {
        var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "data");
        var env = new Dictionary<string, string> { ["Portal__DataDirectory"] = data };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) env[k] = v;
        return StartAsync(Path.Combine(AppDirectory, "ClientPortal.App"), dir, data, env, args, host);
    }

    /// <summary>Starts a given executable with the working directory <paramref name="dir"/>, on its default data folder
    /// unless configured.</summary>
    public static async Task<RunningPortal> StartAsync(string executable, TempDirectory dir, string dataDirectory,
        IDictionary<string, string> environment,
        string[] args, string host = "127.0.0.1")
    {
        var port = ClientPortal.Testing.LoopbackPort.Free();
        var baseUrl = $"http://{host}:{port}";
        if (host == "localhost") environment["Portal__PublicBaseUrl"] = baseUrl;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in environment) start.Environment[k] = v;

        var portal = new RunningPortal(null!, start, dir, baseUrl, dataDirectory);
        await portal.LaunchAsync();
        return portal;
    }

    private async Task LaunchAsync()
    {
        lock (_gate) _output.Clear();
        _process = Process.Start(_start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForOutputAsync("Client Portal is running at", TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// SIGKILL (no shutdown of any kind), then a fresh process on the same data folder and port;
    /// <paramref name="whileDown"/> runs in between.
    /// </summary>
    public async Task CrashAndRestartAsync(Func<Task>? whileDown = null)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (whileDown is not null) await whileDown();
        await LaunchAsync();
    }

    /// <summary>SIGTERM, as systemd stops a service: the portal shuts down gracefully. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Starts the same executable again on the same folder and port (after <see cref="StopAsync"/> or a
    /// crash).</summary>
    public Task StartAgainAsync()
    {
        _process.Dispose();
        return LaunchAsync();
    }

    /// <summary>Runs an admin command of the same executable against this portal's data folder.</summary>
    public Task<(int ExitCode, string Output)> RunCommandAsync(params string[] args) =>
        RunCommandWithInputAsync(null, args);

    /// <summary>Runs an admin command with <paramref name="input"/> on its standard input (a passphrase).</summary>
    public async Task<(int ExitCode, string Output)> RunCommandWithInputAsync(string? input, params string[] args)
    {
        var start = new ProcessStartInfo(_start.FileName)
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // Commands see the server's configuration (data folder, email settings, ...).
        foreach (var (k, v) in _start.Environment)
            if (k.StartsWith("Portal__") || k.StartsWith("Email__") || k.StartsWith("ConnectionStrings__")
                || k.StartsWith("DOTNET_"))
                start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The one-time setup link the portal printed on its console.</summary>
    public async Task<string> SetupLinkAsync()
    {
        await WaitForOutputAsync("/setup/", TimeSpan.FromSeconds(10));
        return Regex.Match(Output, @"(http://\S+/setup/[A-Za-z0-9_-]{43})").Groups[1].Value;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The portal exited " +
                $"({_process.ExitCode}):\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{text}' did not appear:\n{Output}");
            await Task.Delay(50);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _dir.Dispose();
    }
}
