using ClientPortal.Domain;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Catalog;

public sealed record ProductSummary(long Id, string Title, ProductKind Kind, bool IsPublished, int Categories,
    int Lessons, int Offers);

/// <summary>An offer as lists show it: <paramref name="Holders"/> hold it now; <paramref name="EverGranted"/>: grant
/// history refers to it (so it is archived, not deleted).</summary>
public sealed record OfferSummary(long Id, string Name, string? Description,
    IReadOnlyList<(long Id, string Title)> Products, int Holders, bool EverGranted = false, bool Archived = false)
{
    public bool Grantable => !Archived;
}

/// <summary>The catalog's products: list, read, create, describe, publish, delete.</summary>
public sealed class CatalogProducts(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProductSummary>> ProductsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().OrderBy(p => p.Title)
            .Select(p => new ProductSummary(p.Id, p.Title, p.Kind, p.IsPublished,
            p.Categories.Count, p.Categories.SelectMany(c => c.Lessons).Count(),
            db.OfferProducts.Count(op => op.ProductId == p.Id))).ToListAsync(ct);
    }

    /// <summary>The product alone, without its curriculum (a page's header, the details form).</summary>
    public async Task<Product?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
    }

    /// <summary>The product with its categories and lessons in order.</summary>
    public async Task<Product?> ProductAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().Include(p => p.Categories).ThenInclude(c => c.Lessons)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return null;
        product.Categories = product.Categories.OrderBy(c => c.Position).ToList();
        foreach (var c in product.Categories) c.Lessons = c.Lessons.OrderBy(l => l.Position).ToList();
        return product;
    }

    public async Task<Outcome<long>> CreateProductAsync(ProductDetails input, Actor actor,
        CancellationToken ct = default)
    {
        if (input.Check() is { Count: > 0 } problems) return Outcome<long>.Invalid(problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = Product.Create(input, actor, clock.GetUtcNow().UtcDateTime);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(product.Id);
    }

    public Task<Outcome> UpdateProductAsync(long id, ProductDetails input, Actor actor,
        CancellationToken ct = default) =>
        input.Check() is { Count: > 0 } problems
            ? Task.FromResult(Outcome.Invalid(problems))
            : ChangeProductAsync(id, (p, now) => p.Describe(input, actor, now), ct);

    public Task<Outcome> SetPublishedAsync(long id, bool published, Actor actor, CancellationToken ct = default) =>
        ChangeProductAsync(id, (p, now) => p.Publish(published, actor, now), ct);

    public async Task<Outcome> DeleteProductAsync(long id, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can delete " +
            "products.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return Outcome.Fail("This product no longer exists.");
        product.Delete(actor, clock.GetUtcNow().UtcDateTime);
        db.Products.Remove(product);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    private async Task<Outcome> ChangeProductAsync(long id, Action<Product, DateTime> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return Outcome.Fail("This product no longer exists.");
        change(product, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

}
