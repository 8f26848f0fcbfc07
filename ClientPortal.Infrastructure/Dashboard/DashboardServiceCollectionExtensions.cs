using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<PortalStats>();
        return services;
    }
}
