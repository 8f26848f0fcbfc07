using System.Security.Claims;
using Bunit;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Team;
using ClientPortal.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace ClientPortal.Tests.Components;

/// <summary>
/// A bunit context over the real domain services on a SQLite file of its own (no stand-ins), with MudBlazor's
/// services and an authenticated Owner. Disposed asynchronously: MudBlazor has services that only dispose that way.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    protected PortalComponentTest()
    {
        Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddPortalDomain(_data.Path).AddPortalIdentityCore();
        Services.AddSingleton<ClientPortal.App.Realtime.DashboardHub>();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized(AdminBrowser.OwnerEmail).SetRoles(Roles.Owner)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, "owner-id"), new Claim(ClaimTypes.Email, AdminBrowser.OwnerEmail));
    }

    protected T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task InitializeAsync() => PortalDomain.InitializeAsync(Services, seedDemo: false);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
