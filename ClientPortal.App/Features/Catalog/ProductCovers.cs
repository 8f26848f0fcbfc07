using System.Security.Cryptography;
using ClientPortal.Domain;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Features.Catalog;

/// <summary>A cover the portal serves: its bytes (the caller disposes the stream) and what it is.</summary>
public sealed record CoverFile(Stream Content, string ContentType);

/// <summary>
/// Cover images uploaded in the product editor: on SQLite (one node) in the data folder under <c>covers/</c>; on
/// PostgreSQL in the database, where every node finds them. A cover is named after its product and its content hash, so
/// its address changes whenever the image does and browsers may cache it for good.
/// </summary>
public sealed class ProductCovers(IDbContextFactory<PortalDbContext> dbFactory, IOptions<PortalOptions> options,
    DatabaseTarget database,
    TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const string TooLarge = "The image is larger than 5 MB. Save it smaller (1600 × 900 is plenty) and upload " +
        "it again.";
    public const string FolderName = DataFolder.CoversFolderName;

    private string Folder => Path.Combine(options.Value.DataDirectory, FolderName);

    /// <summary>Checks the bytes themselves (never the file name) and stores the image as the product's
    /// cover.</summary>
    public async Task<Outcome> SaveAsync(long productId, Stream upload, Actor actor, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return Outcome.Fail(TooLarge);
        }
        var bytes = buffer.ToArray();
        if (Sniff(bytes) is not { } extension)
            return Outcome.Fail("That file is not a PNG, JPEG or WebP image. Export the cover in one of those " +
                "formats and upload it again.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null) return Outcome.Fail("This product no longer exists.");

        var name = $"{productId}-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.{extension}";
        var now = clock.GetUtcNow().UtcDateTime;
        if (database.IsPostgreSql)
        {
            if (!await db.CoverImages.AnyAsync(c => c.Name == name,
                ct)) db.CoverImages.Add(new CoverImage { Name = name,
                Bytes = bytes, CreatedAt = now });
        }
        else
        {
            Directory.CreateDirectory(Folder);
            await File.WriteAllBytesAsync(Path.Combine(Folder, name), bytes, ct);
        }
        var previous = CoverAddress.NameIn(product.CoverUrl);
        product.SetCover(CoverAddress.For(name), actor, now);
        await db.SaveChangesAsync(ct);
        // The replaced image, once nothing points at it any more.
        if (previous is not null && previous != name)
        {
            if (database.IsPostgreSql) await db.CoverImages.Where(c => c.Name == previous).ExecuteDeleteAsync(ct);
            else File.Delete(Path.Combine(Folder, previous));
        }
        return Outcome.Ok;
    }

    /// <summary>The stored cover a <c>/covers/…</c> address names, or null for anything else (no paths outside the
    /// folder).</summary>
    public async Task<CoverFile?> FindAsync(string? urlOrName, CancellationToken ct = default)
    {
        if (CoverAddress.NameIn(urlOrName) is not { } name) return null;
        var contentType = Path.GetExtension(name) switch { ".png" => "image/png", ".webp" => "image/webp",
            _ => "image/jpeg" };
        if (database.IsPostgreSql)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var bytes = await db.CoverImages.Where(c => c.Name == name).Select(c => c.Bytes).FirstOrDefaultAsync(ct);
            return bytes is null ? null : new CoverFile(new MemoryStream(bytes, writable: false), contentType);
        }
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? new CoverFile(File.OpenRead(path), contentType) : null;
    }

    private static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "png"
        : b.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "jpg"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "webp"
        : null;
}
