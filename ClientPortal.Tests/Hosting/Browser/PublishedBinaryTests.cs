using System.Diagnostics;
using System.Net;
using ClientPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

/// <summary>
/// `dotnet publish` once for the whole run, shared by the browser test and the process tests: whichever class starts
/// first publishes, the other waits for the same publish. The process tests run outside the browser collection, so the
/// publish (about a minute) usually happens beside the browser tests instead of ahead of them.
/// </summary>
public sealed class PublishedBinary : IAsyncLifetime
{
    private static readonly Lazy<Task<(string Executable, TimeSpan Took)>> Shared = new(PublishAsync);
    public string Executable { get; private set; } = "";
    public TimeSpan PublishTime { get; private set; }

    public async Task InitializeAsync() => (Executable, PublishTime) = await Shared.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<(string, TimeSpan)> PublishAsync()
    {
        var dir = new TempDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dir.Dispose();
        var start = new ProcessStartInfo("dotnet",
            ["publish", Path.Combine(Repository.Root, "ClientPortal.App"), "-c", "Release",
            "-o", Path.Combine(dir.Path, "publish"), "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await output + await errors);
        return (Path.Combine(dir.Path, "publish", "ClientPortal.App"), watch.Elapsed);
    }
}

[Collection(BrowserCollection.Name)]
public class PublishedBinaryTests(BrowserFixture browser, PublishedBinary published) : BrowserTest(browser),
    IClassFixture<PublishedBinary>
{
    [Fact]
    public async Task
        The_single_file_alone_in_an_empty_folder_serves_everything_and_keeps_data_and_sign_ins_across_a_restart()
    {
        using var dir = new TempDirectory();
        var appFolder = Directory.CreateDirectory(Path.Combine(dir.Path, "app")).FullName;
        var executable = Path.Combine(appFolder, "ClientPortal.App");
        File.Copy(published.Executable, executable);
        Assert.Equal(["ClientPortal.App"], Directory.GetFiles(appFolder).Select(Path.GetFileName));

        // Started from another working directory, as a service manager might: the data goes beside the executable.
        var env = new Dictionary<string,
            string> { ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(dir.Path, "bundle") };
        var workingDirectory = new TempDirectory();
        await using var portal = await RunningPortal.StartAsync(executable, workingDirectory,
            Path.Combine(appFolder, "data"), env, []);
        var setup = await portal.SetupLinkAsync();
        Assert.StartsWith(portal.BaseUrl + "/setup/", setup);
        Assert.True(File.Exists(Path.Combine(appFolder, "data", "portal.db")), portal.Output);
        Assert.True(Directory.EnumerateFiles(Path.Combine(appFolder, "data", "keys")).Any());

        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var script = await http.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 50_000);
        Assert.False(script.Headers.Contains("Server"));

        // A page renders interactively in Chromium, under the Content-Security-Policy, with its scripts and styles.
        var page = await Chromium.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (blocked) blocked.Add(m.Text); };
        page.Response += (_, r) => { if (r.Status >= 400) lock (blocked) blocked.Add($"{r.Status} {r.Url}"); };
        await page.GotoAsync(setup);
        await page.GetByLabel("Your name").FillAsync("Olive Owner");
        await page.GetByLabel("Email").FillAsync("owner@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Str0ng!Passw0rd");
        await page.GetByLabel("Confirm password").FillAsync("Str0ng!Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create Owner and sign in" }).ClickAsync();
        try
        {
            await Expect(page.GetByTestId("invited-count")).ToBeVisibleAsync();
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = "/tmp/published-failure.png" });
            throw new Xunit.Sdk.XunitException($"{page.Url}\n{string.Join("\n", blocked)}\n{portal.Output}");
        }
        await page.GetByTestId("open-invite").ClickAsync();
        await Expect(page.Locator(".mud-dialog-title")).ToHaveTextAsync("Invite to Client Portal");
        Assert.True(blocked.Count == 0, string.Join("\n", blocked));
        var styles = await page.EvaluateAsync<int>("document.styleSheets.length");
        Assert.True(styles >= 2, $"{styles} style sheets loaded");

        // A graceful stop (SIGTERM), then the same file again: data, keys and the Chromium's sign-in survive. The open
        // page tries to reconnect meanwhile and says so on its console.
        foreach (var reconnecting in new[] { "Failed to start the transport",
            "Unable to connect, please ensure WebSockets are available",
                     "Cannot send data if the connection is not in the 'Connected' State",
                     "The connection could not be found on the server",
                     // The restarted server does not know the old connection's id (when the retry lands after the
                     // start).
                     "Error during WebSocket handshake: Unexpected response code: 404" })
            ExpectConsoleError(reconnecting);
        Assert.Equal(0, await portal.StopAsync(TimeSpan.FromSeconds(30)));
        await portal.StartAgainAsync();
        Assert.DoesNotContain("/setup/", portal.Output); // the Owner exists: no new setup link
        await page.GotoAsync(portal.BaseUrl + "/admin");
        await Expect(page.GetByTestId("invited-count")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(portal.BaseUrl + "/admin");
    }
}

/// <summary>The published file and the backup command as processes: no browser, so beside the browser tests.</summary>
public class PublishedBinaryProcessTests(PublishedBinary published) : IClassFixture<PublishedBinary>
{
    [Fact]
    public async Task Cold_start_to_first_healthz_200_is_measured()
    {
        // Not a pass/fail figure (machines are noisy): printed for the README; the test only proves it starts each
        // time.
        var times = new List<double>();
        long idleRss = 0;
        using var dir = new TempDirectory();
        File.Copy(published.Executable, Path.Combine(dir.Path, "ClientPortal.App"));
        for (var i = 0; i < 5; i++)
        {
            var port = ClientPortal.Testing.LoopbackPort.Free();
            var start = new ProcessStartInfo(Path.Combine(dir.Path, "ClientPortal.App")) { WorkingDirectory = dir.Path,
                RedirectStandardOutput = true };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(dir.Path, "bundle");
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (true)
            {
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "no 200 within a minute");
                await Task.Delay(10);
            }
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (i == 4)
            {
                await Task.Delay(3000); // idle: started, background workers asleep
                var status = await File.ReadAllLinesAsync($"/proc/{process.Id}/status");
                idleRss = long.Parse(status.Single(l => l.StartsWith("VmRSS:"))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            }
            process.Kill();
            await process.WaitForExitAsync();
        }
        var size = new FileInfo(published.Executable).Length;
        var runs = string.Join(", ", times.Select(t => t.ToString("N0")));
        Console.WriteLine($"FIGURE single-file size {size / 1024.0 / 1024.0:N1} MiB; cold start to first /healthz " +
            $"200: median {times.Order().ElementAt(2):N0} ms (runs: {runs} ms; the first unpacks the bundle); " +
            $"idle resident memory {idleRss / 1024.0:N0} MB; publish took {published.PublishTime.TotalSeconds:N0} s");
    }

    private const string Passphrase = "a long passphrase for the keys";

    [Fact]
    public async Task A_backup_taken_under_write_load_opens_and_passes_the_integrity_check()
    {
        await using var portal = await RunningPortal.StartAsync();
        using var stop = new CancellationTokenSource();
        var written = 0;
        // Light write load from a second process's worth of connections while the backup runs.
        var writer = Task.Run(async () =>
        {
            await using var host = await DomainHost.OpenAsync(portal.DataDirectory, new TestClock());
            while (!stop.IsCancellationRequested)
            {
                await Seed.ContactAsync(host, $"load{written}@example.com");
                written++;
                await Task.Delay(5);
            }
        });
        while (written < 50) await Task.Delay(20);
        using var target = new TempDirectory();
        var file = Path.Combine(target.Path, "portal-backup.zip");
        var (code, output) = await portal.RunCommandWithInputAsync(Passphrase, "backup", file);
        var afterBackup = written;
        await Task.Delay(200);
        await stop.CancelAsync();
        await writer;
        Assert.True(code == 0, output);
        Assert.Contains("integrity check: ok", output);
        Assert.Equal(1, (await portal.RunCommandWithInputAsync(Passphrase, "backup", file))
            .ExitCode); // never overwrites

        // The database inside the backup file.
        var copy = Path.Combine(target.Path, "portal.db");
        using (var zip = System.IO.Compression.ZipFile.OpenRead(file))
            System.IO.Compression.ZipFileExtensions.ExtractToFile(zip.GetEntry("portal.db")!, copy);
        await using var db = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await cmd.ExecuteScalarAsync());
        cmd.CommandText = "SELECT COUNT(*) FROM Contacts WHERE Email LIKE 'load%';";
        var copied = Convert.ToInt32(await cmd.ExecuteScalarAsync());
        Assert.InRange(copied, 50, afterBackup);
        Assert.False(File.Exists(copy + "-wal"));
    }
}
