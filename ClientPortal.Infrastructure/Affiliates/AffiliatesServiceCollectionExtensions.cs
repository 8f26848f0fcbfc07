using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Affiliates;

public static class AffiliatesServiceCollectionExtensions
{
    public static IServiceCollection AddAffiliates(this IServiceCollection services)
    {
        services.AddSingleton<AffiliateProgram>();
        return services;
    }
}
