using System.Security.Cryptography;
using ClientPortal.Domain;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.App.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Catalog;

/// <summary>
/// Cover images uploaded in the product editor, kept by <see cref="StoredImages"/>. A cover is named after its product
/// and its content hash, so its address changes whenever the image does and browsers may cache it for good.
/// </summary>
public sealed class ProductCovers(IDbContextFactory<PortalDbContext> dbFactory, StoredImages images,
    TimeProvider clock)
{
    public const long MaxBytes = StoredImages.MaxBytes;
    public const string TooLarge = "The image is larger than 5 MB. Save it smaller (1600 × 900 is plenty) and upload " +
        "it again.";

    /// <summary>Checks the bytes themselves (never the file name) and stores the image as the product's
    /// cover.</summary>
    public async Task<Outcome> SaveAsync(long productId, Stream upload, Actor actor, CancellationToken ct = default)
    {
        var read = await StoredImages.ReadAsync(upload, TooLarge, "That file is not a PNG, JPEG or WebP image. " +
            "Export the cover in one of those formats and upload it again.", ct);
        if (!read.Succeeded) return read;
        var (bytes, extension) = read.Value;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null) return Outcome.Fail("This product no longer exists.");

        var name = $"{productId}-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.{extension}";
        await images.WriteAsync(db, name, bytes, ct);
        var previous = CoverAddress.NameIn(product.CoverUrl);
        product.SetCover(CoverAddress.For(name), actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        // The replaced image, once nothing points at it any more.
        if (previous is not null && previous != name) await images.DeleteAsync(db, previous, ct);
        return Outcome.Ok;
    }

    /// <summary>The stored cover a <c>/covers/…</c> address names, or null for anything else (no paths outside the
    /// folder).</summary>
    public Task<ImageFile?> FindAsync(string? urlOrName, CancellationToken ct = default) =>
        CoverAddress.NameIn(urlOrName) is { } name ? images.FindAsync(name, ct) : Task.FromResult<ImageFile?>(null);
}
