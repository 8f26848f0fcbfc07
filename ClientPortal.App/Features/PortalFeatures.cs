using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Affiliates;
using ClientPortal.App.Features.ApiKeys;
using ClientPortal.App.Features.Audit;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Communities;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Dashboard;
using ClientPortal.App.Features.Demo;
using ClientPortal.App.Features.Learners;
using ClientPortal.App.Features.Learning;
using ClientPortal.App.Features.Media;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.App.Features.Messaging;
using ClientPortal.App.Features.Passkeys;
using ClientPortal.App.Features.Security;
using ClientPortal.App.Features.Settings;
using ClientPortal.App.Features.Setup;
using ClientPortal.App.Features.Team;
using ClientPortal.App.Features.Webhooks;
using ClientPortal.App.Features.Workflows;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Settings;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Features;

/// <summary>Every feature of the portal, registered together (the host adds HTTP and UI on top).</summary>
public static class PortalFeatures
{
    /// <summary>The background workers (a host runs them; the command line does not).</summary>
    public static IServiceCollection AddPortalWorkers(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<Learners.LoginRequestProcessor>());
        services.AddHostedService(sp => sp.GetRequiredService<Messaging.OutboxDelivery>());
        services.AddHostedService(sp => sp.GetRequiredService<Messaging.BulkSendRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<Messaging.InviteReminders>());
        services.AddHostedService(sp => sp.GetRequiredService<Workflows.WorkflowRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookDispatcher>());
        return services;
    }

    /// <summary>Every domain feature (the host adds HTTP and UI on top).</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services, string dataDirectory,
        KeyProtectionOptions? keyProtection = null, DatabaseTarget? database = null, string? nodeName = null) =>
        services.AddPortalData(dataDirectory, keyProtection, database, nodeName)
            .AddAudit().AddPortalSettings().AddSignInSecurity().AddTeam().AddDashboard().AddDemoData()
            .AddMedia().AddContacts().AddCatalog().AddAccess().AddLearners().AddMagicLinks().AddMessaging()
            .AddLearning().AddCommunities().AddAffiliates().AddWorkflows().AddPasskeys()
            .AddApiKeys().AddWebhooks();

    /// <summary>Migrates the database and creates the rows every portal has (settings, roles).</summary>
    public static async Task InitializeAsync(IServiceProvider services, bool seedDemo, CancellationToken ct = default)
    {
        if (services.GetService<DataFolderReport>() is { Tightened.Count: > 0 } report)
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataFolder)).LogWarning(
                "Made private to the portal's user (they were readable by others): {Paths}",
                    string.Join(", ", report.Tightened));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await PortalDatabase.MigrateAsync(db, ct);
        await PortalSettingsStore.EnsureRowAsync(db, ct);
        await OwnerSetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        // Sessions no cookie can present any more (a portal restarts often enough for this to be the only sweep).
        await services.GetRequiredService<SignInSessions>().PruneAsync(ct);
        if (!seedDemo) return;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DemoData>();
        if (await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct))
            logger.LogInformation("Demo data added: {Demo}.", DemoData.Summary);
        else logger.LogInformation("Demo data was added on an earlier start and is left as it is now.");
    }
}
