using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddSingleton<DemoData>();
        return services;
    }
}
