using Microsoft.Extensions.DependencyInjection;

using ClientPortal.App.Features.Demo;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

namespace ClientPortal.App.Features.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddSingleton<DemoData>();
        return services;
    }
}
