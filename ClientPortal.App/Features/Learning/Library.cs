using ClientPortal.App.Features.Access;
using ClientPortal.Domain.Entities;

namespace ClientPortal.App.Features.Learning;

/// <summary>A card in the learner's library: a product they can open (with progress), or a locked upsell.</summary>
public sealed record LibraryCard(long Id, string Title, ProductKind Kind, string? Description, string? CoverUrl,
    bool Locked,
    string? UpsellUrl, ProductProgress? Progress)
{
    public static LibraryCard Open(VisibleProduct p, ProductProgress? progress = null) =>
        new(p.Id, p.Title, p.Kind, p.Description, p.CoverUrl, false, null, progress);
}

/// <summary>What the learner's library shows: granted products first, then the locked ones their creator chose to
/// show.</summary>
public sealed class Library(AccessGrants access, CourseProgress progress)
{
    public async Task<IReadOnlyList<LibraryCard>> CardsAsync(long contactId, ProductKind? kind = null,
        CancellationToken ct = default)
    {
        var shelf = await access.ShelfAsync(contactId, ct);
        var visible = shelf.Visible.Where(p => kind is null || p.Kind == kind).ToList();
        var courses = visible.Where(p => p.Kind == ProductKind.Course).Select(p => p.Id).ToList();
        var figures = courses.Count == 0 ? new Dictionary<long,
            ProductProgress>() : await progress.ProgressAsync(contactId, courses, ct);
        var locked = shelf.Locked.Where(p => kind is null || p.Kind == kind);
        return visible.Select(p => LibraryCard.Open(p, figures.GetValueOrDefault(p.Id)))
            .Concat(locked.Select(p =>
                new LibraryCard(p.Id, p.Title, p.Kind, p.Description, p.CoverUrl, true, p.UpsellUrl, null)))
            .ToList();
    }
}
