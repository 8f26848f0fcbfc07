using ClientPortal.Domain;
using ClientPortal.Domain.Data;
using ClientPortal.Domain.Settings;
using ClientPortal.Domain.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Tests.Support;

/// <summary>The domain services over a real SQLite file in a temporary folder, migrated as at start-up.</summary>
public sealed class DomainHost : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    public ServiceProvider Services { get; }
    public TestClock Clock { get; } = new();
    public string DataDirectory => _dir.Path;

    private DomainHost(Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.Configure<PortalOptions>(o => o.DataDirectory = _dir.Path);
        services.AddPortalDomain(_dir.Path).AddPortalIdentityCore();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public static async Task<DomainHost> StartAsync(bool seedDemo = false, Action<IServiceCollection>? configure = null)
    {
        var host = new DomainHost(configure);
        await PortalDomain.InitializeAsync(host.Services, seedDemo);
        return host;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public PortalDbContext NewDb() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

/// <summary>A clock tests can move.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
