using System.Linq.Expressions;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

public enum ProductKind
{
    Course = 0,
    Community = 1,
}

public class Product : EventSource
{
    public long Id { get; set; }
    public ProductKind Kind { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? CoverUrl { get; set; }
    public bool IsPublished { get; set; }

    /// <summary>Show this product, locked, to learners who were not granted it (upsell).</summary>
    public bool ShowLockedInLibrary { get; set; }

    public string? UpsellUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Category> Categories { get; set; } = [];

    public static Product Create(ProductDetails details, Actor actor, DateTime now)
    {
        var product = new Product { Title = "", CreatedAt = now };
        product.Apply(details);
        product.Raise(new ProductChanged(product.Title, CatalogChange.Created, actor, now));
        return product;
    }

    public void Describe(ProductDetails details, Actor actor, DateTime now)
    {
        Apply(details);
        Raise(new ProductChanged(Title, CatalogChange.Updated, actor, now));
    }

    public void Publish(bool published, Actor actor, DateTime now)
    {
        IsPublished = published;
        Raise(new ProductChanged(Title, published ? CatalogChange.Published : CatalogChange.Unpublished, actor, now));
    }

    public void SetCover(string coverUrl, Actor actor, DateTime now)
    {
        CoverUrl = coverUrl;
        Raise(new ProductChanged(Title, CatalogChange.CoverSet, actor, now));
    }

    /// <summary>Records the deletion; the caller removes the product (with its modules and lessons) from the
    /// store.</summary>
    public void Delete(Actor actor, DateTime now) =>
        Raise(new ProductChanged(Title, CatalogChange.Deleted, actor, now));

    private void Apply(ProductDetails d)
    {
        Title = Text.SingleLine(d.Title);
        Description = Text.MultiLineOrNull(d.Description);
        Kind = d.Kind;
        CoverUrl = Text.OrNull(d.CoverUrl);
        ShowLockedInLibrary = d.ShowLockedInLibrary;
        UpsellUrl = Text.OrNull(d.UpsellUrl);
    }
}

/// <summary>What the team writes about a product; <see cref="Check"/> before it reaches the entity.</summary>
public sealed record ProductDetails(string Title, string? Description, ProductKind Kind, string? CoverUrl,
    bool ShowLockedInLibrary = false, string? UpsellUrl = null)
{
    /// <summary>What is wrong, each problem named by the field it is about.</summary>
    public Problems Check()
    {
        var problems = new Problems();
        if (CatalogRules.TitleProblem(Title) is { } title) problems.Add(nameof(Title), title);
        if (!CatalogRules.IsHttpUrlOrEmpty(CoverUrl) && !CoverAddress.IsStored(CoverUrl)) problems.Add(
            nameof(CoverUrl), "The cover must be an uploaded image or an http(s) image address.");
        if (!CatalogRules.IsHttpUrlOrEmpty(UpsellUrl)) problems.Add(nameof(UpsellUrl),
            "The “get access” address must be an http(s) URL.");
        return problems;
    }
}

/// <summary>A catalog item kept in an admin-chosen order among its siblings.</summary>
public interface IOrdered
{
    long Id { get; }
    int Position { get; set; }
}

public class Category : EventSource, IOrdered
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public required string Title { get; set; }
    public int Position { get; set; }
    public List<Lesson> Lessons { get; set; } = [];

    public static Category Create(long productId, string title, int position, Actor actor, DateTime now)
    {
        var category = new Category { ProductId = productId, Title = Text.SingleLine(title), Position = position };
        category.Raise(new CategoryChanged(category.Title, CatalogChange.Created, actor, now));
        return category;
    }

    public void Rename(string title, Actor actor, DateTime now)
    {
        Title = Text.SingleLine(title);
        Raise(new CategoryChanged(Title, CatalogChange.Updated, actor, now));
    }

    public void Delete(Actor actor, DateTime now) =>
        Raise(new CategoryChanged(Title, CatalogChange.Deleted, actor, now));
}

public class Lesson : EventSource, IOrdered
{
    public long Id { get; set; }
    public long CategoryId { get; set; }
    public required string Title { get; set; }
    public string BodyMarkdown { get; set; } = "";
    public string? VideoUrl { get; set; }
    public int Position { get; set; }

    public static Lesson Create(long categoryId, string title, int position, Actor actor, DateTime now)
    {
        var lesson = new Lesson { CategoryId = categoryId, Title = Text.SingleLine(title), Position = position };
        lesson.Raise(new LessonChanged(lesson.Title, CatalogChange.Created, actor, now));
        return lesson;
    }

    public void Write(string title, string? bodyMarkdown, string? videoUrl, Actor actor, DateTime now)
    {
        Title = Text.SingleLine(title);
        BodyMarkdown = Text.MultiLine(bodyMarkdown);
        VideoUrl = Text.OrNull(videoUrl);
        Raise(new LessonChanged(Title, CatalogChange.Updated, actor, now));
    }

    public void Delete(Actor actor, DateTime now) => Raise(new LessonChanged(Title, CatalogChange.Deleted, actor, now));
}

public class Offer : EventSource
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<OfferProduct> Products { get; set; } = [];

    /// <summary>When the offer was archived: no one new is granted it, those who hold it keep it. An offer that was
    /// ever granted is archived rather than deleted, since grant history refers to it.</summary>
    public DateTime? ArchivedAt { get; private set; }

    /// <summary>An offer that may be granted, as a query.</summary>
    public static readonly Expression<Func<Offer, bool>> Grantable = o => o.ArchivedAt == null;

    public bool IsGrantable => ArchivedAt is null;

    /// <summary>Stops new grants; false when it was archived already.</summary>
    public bool Archive(Actor actor, DateTime now)
    {
        if (ArchivedAt is not null) return false;
        ArchivedAt = now;
        Raise(new OfferChanged(Name, CatalogChange.Archived, null, actor, now));
        return true;
    }

    /// <summary>Makes an archived offer grantable again; false when it was not archived.</summary>
    public bool Restore(Actor actor, DateTime now)
    {
        if (ArchivedAt is null) return false;
        ArchivedAt = null;
        Raise(new OfferChanged(Name, CatalogChange.Restored, null, actor, now));
        return true;
    }

    /// <summary>Why this offer cannot be granted now, or null.</summary>
    public string? GrantProblem => IsGrantable ? null
        : $"“{Name}” is archived: restore it on the Offers page to grant it.";

    public static Offer Create(string name, string? description, IReadOnlyCollection<long> productIds, Actor actor,
        DateTime now)
    {
        var offer = new Offer { Name = "", CreatedAt = now };
        offer.Apply(name, description, productIds);
        offer.Raise(new OfferChanged(offer.Name, CatalogChange.Created, productIds.Count, actor, now));
        return offer;
    }

    /// <summary>Renames, redescribes and sets the products (the <see cref="Products"/> must be loaded).</summary>
    public void Change(string name, string? description, IReadOnlyCollection<long> productIds, Actor actor,
        DateTime now)
    {
        Apply(name, description, productIds);
        Raise(new OfferChanged(Name, CatalogChange.Updated, productIds.Count, actor, now));
    }

    public void Delete(Actor actor, DateTime now) =>
        Raise(new OfferChanged(Name, CatalogChange.Deleted, null, actor, now));

    private void Apply(string name, string? description, IReadOnlyCollection<long> productIds)
    {
        Name = Text.SingleLine(name);
        Description = Text.MultiLineOrNull(description);
        Products.RemoveAll(p => !productIds.Contains(p.ProductId));
        Products.AddRange(productIds.Except(Products.Select(p => p.ProductId))
            .Select(p => new OfferProduct { ProductId = p }));
    }
}

public class OfferProduct
{
    public long OfferId { get; set; }
    public long ProductId { get; set; }
    public Product? Product { get; set; }
}

/// <summary>
/// An uploaded cover image kept in the database, where every node of a multi-node portal reads it (a single node on
/// SQLite keeps covers as files in its data folder instead). Named as the file would be: product id and content hash.
/// </summary>
public class CoverImage
{
    public required string Name { get; set; }
    public required byte[] Bytes { get; set; }
    public DateTime CreatedAt { get; set; }
}
