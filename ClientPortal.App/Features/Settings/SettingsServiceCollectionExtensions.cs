using Microsoft.Extensions.DependencyInjection;

using ClientPortal.App.Features.Settings;
using ClientPortal.Infrastructure.Settings;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

namespace ClientPortal.App.Features.Settings;

public static class SettingsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalSettings(this IServiceCollection services)
    {
        services.AddSingleton<PortalSettingsStore>();
        services.AddSingleton<PortalUrls>();
        return services;
    }
}
