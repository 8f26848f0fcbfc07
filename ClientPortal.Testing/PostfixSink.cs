using System.Diagnostics;
using System.Net.Sockets;

namespace ClientPortal.Testing;

/// <summary>
/// Postfix's smtp-sink (C, from Debian's postfix package) on a free loopback port: it accepts and discards every
/// message, fast enough that the portal, not the server, is what a delivery figure measures.
/// </summary>
public sealed class PostfixSink : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/smtp-sink";
    private readonly Process _process;
    public int Port { get; }

    private PostfixSink(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public static bool IsInstalled => File.Exists(Executable);

    public static async Task<PostfixSink> StartAsync()
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false };
        // It refuses to run as root without a user to switch to; listen backlog 1000: every delivery lane connects at
        // once.
        if (Environment.UserName == "root") { start.ArgumentList.Add("-u"); start.ArgumentList.Add("nobody"); }
        foreach (var arg in new[] { $"127.0.0.1:{port}", "1000" }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return new PostfixSink(process, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public Dictionary<string, string?> PortalSettings(int connections) => new()
    {
        ["Email:Provider"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(),
        ["Email:Smtp:EnableTls"] = "false",
        ["Email:From"] = "bench@example.test",
        ["Email:Smtp:Connections"] = connections > 0 ? connections.ToString() : null,
    };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
