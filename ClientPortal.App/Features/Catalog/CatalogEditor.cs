using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Catalog;

public sealed record ProductInput(string Title, string? Description, ProductKind Kind, string? CoverUrl, bool ShowLockedInLibrary = false,
    string? UpsellUrl = null);

public sealed record ProductSummary(long Id, string Title, ProductKind Kind, bool IsPublished, int Categories, int Lessons, int Offers);

public sealed record OfferSummary(long Id, string Name, string? Description, IReadOnlyList<(long Id, string Title)> Products, int Holders);

/// <summary>Products with ordered categories and lessons, and offers that bundle products.</summary>
public sealed class CatalogEditor(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    // ---- products ----

    public async Task<IReadOnlyList<ProductSummary>> ProductsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().OrderBy(p => p.Title).Select(p => new ProductSummary(p.Id, p.Title, p.Kind, p.IsPublished,
            p.Categories.Count, p.Categories.SelectMany(c => c.Lessons).Count(),
            db.OfferProducts.Count(op => op.ProductId == p.Id))).ToListAsync(ct);
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

    public static Problems Validate(ProductInput input)
    {
        var problems = new Problems();
        if (TitleError(input.Title) is { } title) problems.Add(nameof(input.Title), title);
        if (!IsHttpUrlOrEmpty(input.CoverUrl) && !ProductCovers.IsStoredCover(input.CoverUrl)) problems.Add(nameof(input.CoverUrl), "The cover must be an uploaded image or an http(s) image address.");
        if (!IsHttpUrlOrEmpty(input.UpsellUrl)) problems.Add(nameof(input.UpsellUrl), "The “get access” address must be an http(s) URL.");
        return problems;
    }

    public async Task<Outcome<long>> CreateProductAsync(ProductInput input, Actor actor, CancellationToken ct = default)
    {
        if (Validate(input) is { Count: > 0 } problems) return Outcome<long>.Invalid(problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = Product.Create(Details(input), actor, clock.GetUtcNow().UtcDateTime);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(product.Id);
    }

    public Task<Outcome> UpdateProductAsync(long id, ProductInput input, Actor actor, CancellationToken ct = default) =>
        Validate(input) is { Count: > 0 } problems
            ? Task.FromResult(Outcome.Invalid(problems))
            : ChangeProductAsync(id, (p, now) => p.Describe(Details(input), actor, now), ct);

    public Task<Outcome> SetPublishedAsync(long id, bool published, Actor actor, CancellationToken ct = default) =>
        ChangeProductAsync(id, (p, now) => p.Publish(published, actor, now), ct);

    public async Task<Outcome> DeleteProductAsync(long id, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can delete products.");
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

    private static ProductDetails Details(ProductInput input) =>
        new(input.Title, input.Description, input.Kind, input.CoverUrl, input.ShowLockedInLibrary, input.UpsellUrl);

    // ---- categories and lessons ----

    public async Task<Outcome<long>> AddCategoryAsync(long productId, string title, Actor actor, CancellationToken ct = default)
    {
        if (TitleError(title) is { } error) return Outcome<long>.Fail(error);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) return Outcome<long>.Fail("This product no longer exists.");
        var position = await db.Categories.Where(c => c.ProductId == productId).MaxAsync(c => (int?)c.Position, ct) ?? -1;
        var category = Category.Create(productId, title, position + 1, actor, clock.GetUtcNow().UtcDateTime);
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(category.Id);
    }

    public async Task<Outcome> RenameCategoryAsync(long categoryId, string title, Actor actor, CancellationToken ct = default)
    {
        if (TitleError(title) is { } error) return Outcome.Fail(error);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null) return Outcome.Fail("This category no longer exists.");
        category.Rename(title, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> DeleteCategoryAsync(long categoryId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null) return Outcome.Fail("This category no longer exists.");
        category.Delete(actor, clock.GetUtcNow().UtcDateTime);
        db.Categories.Remove(category);
        await db.SaveChangesAsync(ct);
        await Renumber(db, db.Categories.Where(c => c.ProductId == category.ProductId), ct);
        return Outcome.Ok;
    }

    /// <summary>Moves a category one place up (-1) or down (+1).</summary>
    public async Task<Outcome> MoveCategoryAsync(long categoryId, int direction, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null) return Outcome.Fail("This category no longer exists.");
        await Move(db, db.Categories.Where(c => c.ProductId == category.ProductId), categoryId, direction, ct);
        return Outcome.Ok;
    }

    /// <summary>A lesson's fields; problems are named <c>Title</c> and <c>VideoUrl</c>.</summary>
    public static Problems ValidateLesson(string title, string? videoUrl)
    {
        var problems = new Problems();
        if (TitleError(title) is { } e) problems.Add("Title", e);
        if (!IsHttpUrlOrEmpty(videoUrl)) problems.Add("VideoUrl", "The video must be an http(s) address.");
        return problems;
    }

    public async Task<Outcome<long>> AddLessonAsync(long categoryId, string title, Actor actor, CancellationToken ct = default)
    {
        if (TitleError(title) is { } error) return Outcome<long>.Fail(error);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Categories.AnyAsync(c => c.Id == categoryId, ct)) return Outcome<long>.Fail("This category no longer exists.");
        var position = await db.Lessons.Where(l => l.CategoryId == categoryId).MaxAsync(l => (int?)l.Position, ct) ?? -1;
        var lesson = Lesson.Create(categoryId, title, position + 1, actor, clock.GetUtcNow().UtcDateTime);
        db.Lessons.Add(lesson);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(lesson.Id);
    }

    public async Task<Outcome> UpdateLessonAsync(long lessonId, string title, string? bodyMarkdown, string? videoUrl, Actor actor,
        CancellationToken ct = default)
    {
        if (ValidateLesson(title, videoUrl) is { Count: > 0 } problems) return Outcome.Invalid(problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null) return Outcome.Fail("This lesson no longer exists.");
        lesson.Write(title, bodyMarkdown, videoUrl, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> DeleteLessonAsync(long lessonId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null) return Outcome.Fail("This lesson no longer exists.");
        lesson.Delete(actor, clock.GetUtcNow().UtcDateTime);
        db.Lessons.Remove(lesson);
        await db.SaveChangesAsync(ct);
        await Renumber(db, db.Lessons.Where(l => l.CategoryId == lesson.CategoryId), ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> MoveLessonAsync(long lessonId, int direction, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null) return Outcome.Fail("This lesson no longer exists.");
        await Move(db, db.Lessons.Where(l => l.CategoryId == lesson.CategoryId), lessonId, direction, ct);
        return Outcome.Ok;
    }

    // ---- offers ----

    public async Task<IReadOnlyList<OfferSummary>> OffersAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offers = await db.Offers.AsNoTracking().Include(o => o.Products).ThenInclude(op => op.Product)
            .OrderBy(o => o.Name).ToListAsync(ct);
        var holders = await db.Grants.Where(Grant.ActiveAt(now))
            .GroupBy(g => g.OfferId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return offers.Select(o => new OfferSummary(o.Id, o.Name, o.Description,
            o.Products.Select(p => (p.ProductId, p.Product!.Title)).OrderBy(p => p.Title).ToList(),
            holders.GetValueOrDefault(o.Id))).ToList();
    }

    public async Task<Outcome<long>> SaveOfferAsync(long? id, string name, string? description, IReadOnlyCollection<long> productIds,
        Actor actor, CancellationToken ct = default)
    {
        // Field names match the offer form's properties: Name and ProductIds.
        var problems = new Problems();
        if (string.IsNullOrWhiteSpace(name)) problems.Add("Name", "An offer needs a name.");
        else if (name.Trim().Length > 200) problems.Add("Name", "The name is too long (200 characters at most).");
        if (productIds.Count == 0) problems.Add("ProductIds", "An offer must include at least one product.");
        if (problems.Count > 0) return Outcome<long>.Invalid(problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trimmed = name.Trim();
        if (await db.Offers.AnyAsync(o => o.Name == trimmed && o.Id != id, ct))
            return Outcome<long>.Invalid("Name", $"An offer named “{trimmed}” already exists.");
        var known = await db.Products.Where(p => productIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        if (known.Count != productIds.Distinct().Count()) return Outcome<long>.Fail("One of the chosen products no longer exists.");

        var now = clock.GetUtcNow().UtcDateTime;
        Offer? offer;
        if (id is null)
        {
            offer = Offer.Create(trimmed, description, known, actor, now);
            db.Offers.Add(offer);
        }
        else
        {
            offer = await db.Offers.Include(o => o.Products).FirstOrDefaultAsync(o => o.Id == id, ct);
            if (offer is null) return Outcome<long>.Fail("This offer no longer exists.");
            offer.Change(trimmed, description, known, actor, now);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(offer.Id);
    }

    public async Task<Outcome> DeleteOfferAsync(long id, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can delete offers.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null) return Outcome.Fail("This offer no longer exists.");
        if (await db.Grants.AnyAsync(g => g.OfferId == id, ct))
            return Outcome.Fail($"“{offer.Name}” has been granted to contacts; revoke or keep it (grant history refers to it).");
        offer.Delete(actor, clock.GetUtcNow().UtcDateTime);
        db.Offers.Remove(offer);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    // ---- helpers ----

    private static string? TitleError(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "A title is required."
        : title.Trim().Length > 200 ? "The title is too long (200 characters at most)." : null;

    private static bool IsHttpUrlOrEmpty(string? url) =>
        string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https");

    private static async Task Move<T>(PortalDbContext db, IQueryable<T> siblings, long id, int direction, CancellationToken ct)
        where T : class, IOrdered
    {
        var ordered = (await siblings.ToListAsync(ct)).OrderBy(x => x.Position).ToList();
        var index = ordered.FindIndex(x => x.Id == id);
        var target = index + Math.Sign(direction);
        if (index < 0 || target < 0 || target >= ordered.Count) return;
        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++) ordered[i].Position = i;
        await db.SaveChangesAsync(ct);
    }

    private static async Task Renumber<T>(PortalDbContext db, IQueryable<T> siblings, CancellationToken ct) where T : class, IOrdered
    {
        var ordered = (await siblings.ToListAsync(ct)).OrderBy(x => x.Position).ToList();
        for (var i = 0; i < ordered.Count; i++) ordered[i].Position = i;
        await db.SaveChangesAsync(ct);
    }
}
