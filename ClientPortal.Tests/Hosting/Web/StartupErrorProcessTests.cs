using System.Diagnostics;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Hosting.Web;

/// <summary>The real executable with a database setting that cannot work: one sentence, exit code 3, nothing
/// created.</summary>
[Trait("Provider", "Sqlite")] // a process of its own, whatever the pass: the PostgreSQL pass leaves it out
public class StartupErrorProcessTests
{
    [Theory]
    [InlineData("Oracle", "",
        "Portal:Database:Provider \"Oracle\" is not known; use Sqlite (the default) or PostgreSQL.")]
    [InlineData("PostgreSQL", "", "Portal:Database:Provider is PostgreSQL but ConnectionStrings:Portal is empty")]
    [InlineData("PostgreSQL", "Host=127.0.0.1;Port=1;Database=portal;Username=portal;Timeout=5",
        "cannot open the PostgreSQL database \"portal\" on 127.0.0.1:1: Connection refused.")]
    public async Task A_database_setting_that_cannot_work_stops_start_up_with_one_line_and_exit_code_3(string provider,
        string connection, string says)
    {
        using var dir = new TempDirectory();
        var start = new ProcessStartInfo(Path.Combine(RunningPortal.AppDirectory, "ClientPortal.App"))
        {
            WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true,
                UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ClientPortal.Testing.LoopbackPort.Free()}";
        start.Environment["Portal__DataDirectory"] = Path.Combine(dir.Path, "data");
        start.Environment["Portal__Database__Provider"] = provider;
        start.Environment["ConnectionStrings__Portal"] = connection;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        var output = await stdout + await stderr;
        Assert.Equal(3, process.ExitCode);
        Assert.Contains($"Client Portal did not start: {says}", output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.False(File.Exists(Path.Combine(dir.Path, "data", "portal.db")));
    }

    [Theory]
    [InlineData("Portal__CircuitRevalidationSeconds", "abc",
        "Portal:CircuitRevalidationSeconds: 'abc' is not a whole number.")]
    [InlineData("Portal__ShutdownTimeoutSeconds", "0",
        "Portal:ShutdownTimeoutSeconds: 0 is out of range; use a whole number from 1 to 3,600.")]
    [InlineData("Portal__RateLimit__PostsPerMinute", "many",
        "Portal:RateLimit:PostsPerMinute: 'many' is not a whole number.")]
    [InlineData("Portal__Hsts__IncludeSubDomains", "perhaps",
        "Portal:Hsts:IncludeSubDomains: 'perhaps' is not true or false.")]
    [InlineData("Portal__Webhooks__AllowPrivateNetworks", "sometimes",
        "Portal:Webhooks:AllowPrivateNetworks: 'sometimes' is not true or false.")]
    [InlineData("Portal__TrustedProxies__0", "10.0.0.1, proxy.local",
        "Portal:TrustedProxies: 'proxy.local' is not an IP address.")]
    public async Task A_setting_that_cannot_be_read_stops_start_up_with_one_line_naming_the_key(string variable,
        string value, string says)
    {
        using var dir = new TempDirectory();
        var start = new ProcessStartInfo(Path.Combine(RunningPortal.AppDirectory, "ClientPortal.App"))
        {
            WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true,
                UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ClientPortal.Testing.LoopbackPort.Free()}";
        start.Environment["Portal__DataDirectory"] = Path.Combine(dir.Path, "data");
        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        var output = await stdout + await stderr;
        Assert.Equal(3, process.ExitCode);
        Assert.Equal($"Client Portal did not start: {says}",
            Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }
}
