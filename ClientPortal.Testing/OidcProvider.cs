using System.Diagnostics;

namespace ClientPortal.Testing;

/// <summary>
/// panva's oidc-provider (Node, OpenID Certified) on a loopback port, with its defaults and its development login and
/// consent pages: a real identity provider for browser tests of external sign-in.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "portal";
    public string ClientSecret { get; } = "secret-" + Guid.NewGuid().ToString("N");
    public int Port { get; } = LoopbackPort.Free();
    public string Authority => $"http://127.0.0.1:{Port}";
    private Process? _process;

    /// <summary>Starts it for a portal whose callback is <paramref name="redirectUri"/>.</summary>
    /// <param name="claimsInIdToken">Email and email_verified in the id_token too (by default only in the userinfo
    /// answer).</param>
    public async Task StartAsync(string redirectUri, bool claimsInIdToken = false)
    {
        _process = NodeTools.Start("oidc-provider.mjs", Port.ToString(), redirectUri, ClientSecret,
            claimsInIdToken ? "id_token" : "userinfo");
        var ready = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) => { if (e.Data == "READY") ready.TrySetResult(); };
        _process.ErrorDataReceived += (_, e) =>
            { if (e.Data is not null) Console.Error.WriteLine($"oidc-provider: {e.Data}"); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var started = await Task.WhenAny(ready.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != ready.Task) throw new InvalidOperationException("oidc-provider did not start (is `npm ci` " +
            "done in ClientPortal.Testing/node?).");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
