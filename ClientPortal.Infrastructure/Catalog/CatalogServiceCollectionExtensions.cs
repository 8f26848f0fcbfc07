using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<CatalogEditor>();
        services.AddSingleton<ProductCovers>();
        return services;
    }
}
