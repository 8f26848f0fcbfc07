using ClientPortal.App.Hosting;
using ClientPortal.Infrastructure.Settings;
using ClientPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClientPortal.Tests.Hosting.Web;

/// <summary>Host options and the portal's own --demo flag, in any order.</summary>
[Trait("Provider", "Sqlite")] // the default database of a host built from arguments alone
public class HostArgumentsTests
{
    [Theory]
    [InlineData("--demo", "--urls", "http://127.0.0.1:5301")]
    [InlineData("--urls", "http://127.0.0.1:5301", "--demo")]
    [InlineData("--urls=http://127.0.0.1:5301", "--demo")]
    public async Task The_address_and_the_demo_flag_both_apply_whatever_their_order(params string[] args)
    {
        using var dir = new TempDirectory();
        await using var app = PortalHost.Build([.. args, $"--Portal:DataDirectory={dir.Path}"]);
        Assert.Equal("http://127.0.0.1:5301", app.Configuration["urls"]);
        Assert.True(app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.SeedDemoData);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
