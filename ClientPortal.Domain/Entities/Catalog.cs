namespace ClientPortal.Domain.Entities;

public enum ProductKind
{
    Course = 0,
    Community = 1,
}

public class Product
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
}

/// <summary>A catalog item kept in an admin-chosen order among its siblings.</summary>
public interface IOrdered
{
    long Id { get; }
    int Position { get; set; }
}

public class Category : IOrdered
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public required string Title { get; set; }
    public int Position { get; set; }
    public List<Lesson> Lessons { get; set; } = [];
}

public class Lesson : IOrdered
{
    public long Id { get; set; }
    public long CategoryId { get; set; }
    public required string Title { get; set; }
    public string BodyMarkdown { get; set; } = "";
    public string? VideoUrl { get; set; }
    public int Position { get; set; }
}

public class Offer
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<OfferProduct> Products { get; set; } = [];
}

public class OfferProduct
{
    public long OfferId { get; set; }
    public long ProductId { get; set; }
    public Product? Product { get; set; }
}
