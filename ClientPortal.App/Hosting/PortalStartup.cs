using ClientPortal.App.Features;
using ClientPortal.App.Features.Settings;
using ClientPortal.App.Features.Setup;
using ClientPortal.Infrastructure.Settings;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Hosting;

/// <summary>
/// Migrates before the server accepts requests (StartingAsync runs before any hosted service starts,
/// the web server included), then prints the address and, while no Owner exists, the setup link.
/// </summary>
public sealed class PortalStartup(
    IServiceProvider services,
    IOptions<PortalOptions> options,
    IServer server,
    PortalUrls urls,
    OwnerSetup setup,
    ClientPortal.App.Identity.PortalBrandCache brand,
    IConfiguration configuration,
    ClientPortal.Infrastructure.Data.DatabaseTarget database,
    ILogger<PortalStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        logger.LogInformation("Data directory: {DataDirectory}", options.Value.DataDirectory);
        logger.LogInformation("{Keys}", KeyStorageNotice.For(database, options.Value.DataDirectory,
            options.Value.KeyProtection));
        if (ClientPortal.App.Identity.ExternalSignIn.RetiredSettingsWarning(configuration) is { } retired)
            logger.LogWarning("{Warning}", retired);
        await PortalFeatures.InitializeAsync(services, options.Value.SeedDemoData, ct);
        await brand.RefreshAsync(ct);
    }

    public async Task StartedAsync(CancellationToken ct)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null) urls.SetListeningUrl(address.Replace("://[::]", "://localhost")
            .Replace("://0.0.0.0", "://localhost"));
        var baseUrl = await urls.BaseUrlAsync(ct);
        Console.WriteLine($"Client Portal is running at {baseUrl}");
        Console.WriteLine($"  Team sign-in: {baseUrl}/account/login");
        // Printed on the console on purpose (the operator needs it), never written through the logger.
        if (await setup.IssueSetupTokenAsync(ct) is { } token)
        {
            Console.WriteLine("  No Owner account yet. Open this one-time link to create it:");
            Console.WriteLine($"  {baseUrl}/setup/{token}");
        }
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
