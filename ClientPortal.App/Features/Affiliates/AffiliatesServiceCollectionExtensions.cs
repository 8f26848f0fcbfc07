using Microsoft.Extensions.DependencyInjection;

using ClientPortal.App.Features.Affiliates;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

namespace ClientPortal.App.Features.Affiliates;

public static class AffiliatesServiceCollectionExtensions
{
    public static IServiceCollection AddAffiliates(this IServiceCollection services)
    {
        services.AddSingleton<AffiliateProgram>();
        return services;
    }
}
