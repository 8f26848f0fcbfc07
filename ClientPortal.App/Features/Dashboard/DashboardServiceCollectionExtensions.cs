using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<PortalStats>();
        services.AddSingleton<GuidedStart>();
        return services;
    }
}
