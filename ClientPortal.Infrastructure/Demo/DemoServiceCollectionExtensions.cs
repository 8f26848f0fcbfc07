using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddSingleton<DemoData>();
        return services;
    }
}
