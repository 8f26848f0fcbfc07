using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Access;

public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddSingleton<AccessGrants>();
        services.AddSingleton<AccessExplainer>();
        services.AddSingleton<GrantImport>();
        return services;
    }
}
