using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Affiliates;

public static class AffiliatesServiceCollectionExtensions
{
    public static IServiceCollection AddAffiliates(this IServiceCollection services)
    {
        services.AddSingleton<AffiliateProgram>();
        return services;
    }
}
