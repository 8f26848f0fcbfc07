using ClientPortal.App.Features;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Tests.Support;

/// <summary>
/// The domain services over a real database (a SQLite file in a temporary folder, or PostgreSQL:
/// <see cref="TestDatabase"/>), migrated as at start-up.
/// </summary>
public sealed class DomainHost : IAsyncDisposable
{
    private readonly TempDirectory? _dir;
    public ServiceProvider Services { get; }
    public TestClock Clock { get; }
    public string DataDirectory { get; }

    private DomainHost(Action<IServiceCollection>? configure, string? dataDirectory, TestClock? clock,
        DatabaseTarget? database = null)
    {
        if (dataDirectory is null) _dir = new TempDirectory();
        DataDirectory = dataDirectory ?? _dir!.Path;
        Clock = clock ?? new TestClock();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.Configure<PortalOptions>(o => o.DataDirectory = DataDirectory);
        services.AddPortalFeatures(DataDirectory, database: database ?? TestDatabase.For(DataDirectory))
            .AddPortalIdentityCore();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new
            Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    /// <summary>For tests whose receivers listen on loopback, which a portal refuses unless told otherwise.</summary>
    public static void AllowPrivateNetworks(IServiceCollection services) =>
        services.Configure<PortalOptions>(o => o.Webhooks.AllowPrivateNetworks = true);

    public static async Task<DomainHost> StartAsync(bool seedDemo = false, Action<IServiceCollection>? configure = null)
    {
        var host = new DomainHost(configure, null, null);
        await PortalFeatures.InitializeAsync(host.Services, seedDemo);
        return host;
    }

    /// <summary>A host over a folder the caller keeps: opening it twice is what a restart sees.</summary>
    public static async Task<DomainHost> OpenAsync(string dataDirectory, TestClock clock,
        DatabaseTarget? database = null)
    {
        var host = new DomainHost(null, dataDirectory, clock, database);
        await PortalFeatures.InitializeAsync(host.Services, false);
        return host;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public PortalDbContext NewDb() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_dir is not null)
        {
            await TestDatabase.ReleaseAsync(_dir.Path);
            _dir.Dispose();
        }
    }
}

/// <summary>A clock tests can move.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
