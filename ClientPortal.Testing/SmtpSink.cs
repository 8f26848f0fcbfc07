using System.Diagnostics;
using System.Text.Json;

namespace ClientPortal.Testing;

public sealed record ReceivedMail(string MailFrom, string[] RcptTos, string From, string To, string Subject,
    string MessageId, string? Text, string? Html);

/// <summary>Debian's aiosmtpd on a free loopback port (smtp_sink.py), saving every message it receives.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    public int Port { get; }

    private SmtpSink(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <param name="maxPerConnection">When set, the server closes each connection after that many messages.</param>
    public static async Task<SmtpSink> StartAsync(int? maxPerConnection = null)
    {
        var directory = Directory.CreateTempSubdirectory("cp-smtp-").FullName;
        var port = LoopbackPort.Free();
        // Debian's interpreter: the python3 first on PATH may be another one, without aiosmtpd.
        // Standard input stays open while this process lives: the sink stops at its end, even if this process is
        // killed.
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
                UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smtp_sink.py"));
        start.ArgumentList.Add(port.ToString());
        start.ArgumentList.Add(directory);
        if (maxPerConnection is { } max) start.ArgumentList.Add(max.ToString());
        var process = Process.Start(start)!;
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "READY")
            throw new InvalidOperationException($"The SMTP sink did not start: {ready} " +
                $"{await process.StandardError.ReadToEndAsync()}");
        return new SmtpSink(process, directory, port);
    }

    /// <summary>The portal's configuration for sending through this server (keys as in appsettings.json).</summary>
    public Dictionary<string, string> PortalSettings(string from = "portal@example.test", int? connections = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Email:Provider"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Port.ToString(),
            ["Email:Smtp:EnableTls"] = "false",
            ["Email:From"] = from,
        };
        if (connections is { } n) settings["Email:Smtp:Connections"] = n.ToString();
        return settings;
    }

    /// <summary>The same settings as environment variables, for a portal started as a process.</summary>
    public Dictionary<string, string> PortalEnvironment(int? connections = null) =>
        PortalSettings(connections: connections).ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value);

    public IReadOnlyList<ReceivedMail> Received() =>
        Directory.GetFiles(_directory, "*.json").Order()
            .Select(f =>
                JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(f),
                new JsonSerializerOptions { PropertyNameCaseInsensitive = true,
                PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!)
            .ToList();

    public int Count => Directory.GetFiles(_directory, "*.json").Length;

    /// <summary>Messages the server has accepted (answered 250), parsed into JSON or not yet.</summary>
    public int Accepted => Directory.GetFiles(_directory, "*.eml").Length;

    /// <summary>Waits until at least <paramref name="count"/> messages arrived and were parsed.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan timeout)
    {
        await WaitAsync(() => Count, count, timeout);
        return Received();
    }

    /// <summary>Waits until the server has accepted at least <paramref name="count"/> messages.</summary>
    public Task WaitForAcceptedAsync(int count, TimeSpan timeout) => WaitAsync(() => Accepted, count, timeout);

    private static async Task WaitAsync(Func<int> current, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (current() < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{current()} of {count} messages arrived.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory,
            true); } catch (IOException) { /* the sink may still be flushing a file; /tmp is cleaned anyway */ }
    }
}
