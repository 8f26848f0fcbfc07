using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClientPortal.App.Endpoints.Api;

public sealed record ProductRef(long Id, string Title);
public sealed record OfferDto(long Id, string Name, string? Description, IReadOnlyList<ProductRef> Products,
    int Holders);
public sealed record ProductDto(long Id, string Title, ProductKind Kind, bool Published, int Lessons);

public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/offers", ListOffersAsync).WithTags("Offers and products").WithName("ListOffers")
            .WithSummary("List offers (what a grant gives) with their products").RequireScope(ApiScopes.ContactsRead);
        api.MapGet("/products", ListProductsAsync).WithTags("Offers and products").WithName("ListProducts")
            .WithSummary("List products").RequireScope(ApiScopes.ContactsRead);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<OfferDto>>> ListOffersAsync(CatalogOffers catalogOffers,
        CatalogProducts catalogProducts, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<OfferDto>>((await catalogOffers.OffersAsync(ct))
            .Select(o =>
                new OfferDto(o.Id, o.Name, o.Description, o.Products.Select(p => new ProductRef(p.Id, p.Title))
                    .ToList(),
                o.Holders)).ToList());

    public static async Task<Ok<IReadOnlyList<ProductDto>>> ListProductsAsync(CatalogOffers catalogOffers,
        CatalogProducts catalogProducts, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ProductDto>>((await catalogProducts.ProductsAsync(ct))
            .Select(p => new ProductDto(p.Id, p.Title, p.Kind, p.IsPublished, p.Lessons)).ToList());
}
