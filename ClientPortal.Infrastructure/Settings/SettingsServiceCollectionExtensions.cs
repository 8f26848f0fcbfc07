using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Settings;

public static class SettingsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalSettings(this IServiceCollection services)
    {
        services.AddSingleton<PortalSettingsStore>();
        services.AddSingleton<PortalUrls>();
        return services;
    }
}
