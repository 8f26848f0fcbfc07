using Microsoft.Extensions.DependencyInjection;

using ClientPortal.App.Features.Dashboard;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

namespace ClientPortal.App.Features.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<PortalStats>();
        return services;
    }
}
