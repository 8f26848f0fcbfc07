using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ClientPortal.Testing;

/// <summary>
/// Debian's nginx on a free loopback port running a site file of the repository (deploy/nginx.conf) with its upstream
/// servers replaced by the given nodes and TLS left out (the tests speak plain HTTP).
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _directory;
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    private NginxProxy(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The site file as the tests run it: upstream servers → <paramref name="nodes"/>, the TLS listener →
    /// plain HTTP on <paramref name="port"/>.</summary>
    public static string ForTest(string site, IEnumerable<int> nodes, int port)
    {
        var upstream = string.Join("\n", nodes.Select(n => $"    server 127.0.0.1:{n};"));
        site = Regex.Replace(site, @"(upstream client_portal \{[^}]*?)((\s*#?\s*server [^;]+;)+)",
            m => m.Groups[1].Value + "\n" + upstream);
        site = Regex.Replace(site, @"listen 443 ssl http2;", $"listen 127.0.0.1:{port};");
        site = Regex.Replace(site, @"\n\s*ssl_[^\n]*", "");
        // Which node answered, for the tests (not in the deployed file).
        site = site.Replace("proxy_pass         http://client_portal;",
            "proxy_pass         http://client_portal;\n        add_header X-Upstream $upstream_addr always;");
        // The HTTP-to-HTTPS redirect server is not part of the test.
        return Regex.Replace(site, @"server \{\s*listen 80;.*?\n\}", "", RegexOptions.Singleline);
    }

    public static async Task<NginxProxy> StartAsync(string siteFile, IEnumerable<int> nodes, int port)
    {
        var directory = Directory.CreateTempSubdirectory("cp-nginx-").FullName;
        // nginx's workers run as nobody and write their temporary files here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        var site = ForTest(await File.ReadAllTextAsync(siteFile), nodes, port);
        var temp = string.Join("\n", new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }
            .Select(t => $"    {t}_temp_path {directory}/{t};"));
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
            {{temp}}
            {{site}}
            }
            """);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false };
        foreach (var a in new[] { "-c", Path.Combine(directory, "nginx.conf"), "-p", directory, "-e",
            Path.Combine(directory, "error.log") })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        await RedisServer.WaitForPortAsync(port, process, "nginx");
        return new NginxProxy(process, directory, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
