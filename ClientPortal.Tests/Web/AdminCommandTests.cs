using ClientPortal.App.Hosting;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Web;

public class AdminCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AdminCommands.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Create_owner_creates_once_and_explains_bad_input()
    {
        using var dir = new TempDirectory();
        var data = $"--Portal:DataDirectory={dir.Path}";

        var missing = await RunAsync("create-owner", "--email", "owner@example.com", data);
        Assert.Equal(2, missing.Code);
        Assert.Contains("--email and --password are required", missing.Err);

        var badEmail = await RunAsync("create-owner", "--email", "not-an-email", "--password", "Str0ng!Passw0rd", data);
        Assert.Equal(1, badEmail.Code);
        Assert.Contains("not a valid email", badEmail.Err);

        var weak = await RunAsync("create-owner", "--email", "owner@example.com", "--password", "weak", data);
        Assert.Equal(1, weak.Code);
        Assert.Contains("Passwords must", weak.Err);

        var ok = await RunAsync("create-owner", "--email", "owner@example.com", "--password", "Str0ng!Passw0rd", data);
        Assert.Equal(0, ok.Code);
        Assert.Contains("Owner owner@example.com created", ok.Out);
        Assert.True(File.Exists(Path.Combine(dir.Path, "portal.db")));

        var again = await RunAsync("create-owner", "--email", "other@example.com", "--password", "Str0ng!Passw0rd", data);
        Assert.Equal(1, again.Code);
        Assert.Contains("already has an Owner", again.Err);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Missing_option_value_is_a_usage_error()
    {
        var result = await RunAsync("create-owner", "--email");
        Assert.Equal(2, result.Code);
        Assert.Contains("--email needs a value", result.Err);
        Assert.Contains("usage: create-owner", result.Err);
    }
}
