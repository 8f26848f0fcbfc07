using ClientPortal.Domain.Catalog;
using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<CatalogProducts>();
        services.AddSingleton<CatalogCurriculum>();
        services.AddSingleton<CatalogOffers>();
        services.AddSingleton<ProductCovers>();
        return services;
    }
}
