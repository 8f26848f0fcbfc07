using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Settings;

namespace ClientPortal.App.Features.Settings;

public static class SettingsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalSettings(this IServiceCollection services)
    {
        services.AddSingleton<PortalSettingsStore>();
        services.AddSingleton<PortalUrls>();
        services.AddSingleton<BrandImages>();
        return services;
    }
}
