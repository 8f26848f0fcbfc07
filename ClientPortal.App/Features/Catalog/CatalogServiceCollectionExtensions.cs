using Microsoft.Extensions.DependencyInjection;

using ClientPortal.Domain.Catalog;
using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

namespace ClientPortal.App.Features.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<CatalogEditor>();
        services.AddSingleton<ProductCovers>();
        return services;
    }
}
