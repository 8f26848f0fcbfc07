using Microsoft.Playwright;

namespace ClientPortal.Tests.Support;

/// <summary>One headless Debian Chromium for all browser tests (never Playwright's own download).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _consoleErrors = [];
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // Generous waits everywhere: a wait only costs time when something is wrong, and under load (2 busy cores) the
        // suite has run five times slower than on an idle machine.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                "--no-first-run", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize {
            Width = width, Height = height } });
        context.SetDefaultTimeout(30_000);
        lock (_contexts) _contexts.Add(context);
        // Every console error of every page (a CSP violation, a failed script, an uncaught exception) fails the test.
        context.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_consoleErrors) _consoleErrors.Add($"{message.Text} " +
                $"({message.Location})");
        };
        context.WebError += (_, error) => { lock (_consoleErrors) _consoleErrors.Add(error.Error); };
        return await context.NewPageAsync();
    }

    /// <summary>The console errors since the last call, which clears them.</summary>
    public IReadOnlyList<string> TakeConsoleErrors()
    {
        lock (_consoleErrors)
        {
            var errors = _consoleErrors.ToList();
            _consoleErrors.Clear();
            return errors;
        }
    }

    /// <summary>
    /// Closes every page a test opened. A page left open after its portal stopped keeps its renderer busy (Blazor
    /// retries the lost circuit): a dozen of them held both cores and slowed every later browser test.
    /// </summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in open) await context.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>A browser test: the pages it opened are closed when it ends, and it fails if any of them logged a console
/// error.</summary>
public abstract class BrowserTest(BrowserFixture chromium) : IAsyncLifetime
{
    private readonly List<string> _expected = [];

    protected BrowserFixture Chromium { get; } = chromium;

    /// <summary>A console error this test causes on purpose (a stopped server, a page that answers 404), by a part of
    /// its text.</summary>
    protected void ExpectConsoleError(string part) => _expected.Add(part);

    public Task InitializeAsync()
    {
        Chromium.TakeConsoleErrors(); // none from an earlier test's late events
        return Task.CompletedTask;
    }

    /// <summary>
    /// What a page says when its server has stopped: a test's portal (disposed at the end of the test method) stops
    /// before the pages close. Nothing else is forgiven.
    /// </summary>
    private static readonly string[] ServerGone =
    [
        "WebSocket closed with status code: 1006", "net::ERR_CONNECTION_REFUSED", "net::ERR_CONNECTION_RESET",
            "net::ERR_SOCKET_NOT_CONNECTED",
        "Failed to complete negotiation with the server",
        "Failed to start the connection",
    ];

    /// <summary>Blazor's own script failing to reach a server that stopped (its reconnect's fetch, during a
    /// restart): the same as <see cref="ServerGone"/>, told by where it comes from.</summary>
    private static bool BlazorLostTheServer(string error) =>
        error.Contains("Failed to fetch") && error.Contains("/_framework/blazor.web.js");

    public async Task DisposeAsync()
    {
        await Chromium.CloseContextsAsync();
        var unexpected = Chromium.TakeConsoleErrors()
            .Where(e => !_expected.Any(e.Contains) && !ServerGone.Any(e.Contains) && !BlazorLostTheServer(e))
            .ToList();
        Assert.True(unexpected.Count == 0, "The browser logged errors:\n" + string.Join("\n", unexpected));
    }
}

/// <summary>
/// Browser tests run in two collections, each with its own Chromium, so two browser classes may run at once: a class
/// spends much of its time waiting on a portal process or a page, and one serial chain of every browser class was the
/// longest path through the suite. The classes are split so that both chains take about as long.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";

    /// <summary>The second chain.</summary>
    public const string Second = "browser, second chain";
}

[CollectionDefinition(BrowserCollection.Second)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>;
