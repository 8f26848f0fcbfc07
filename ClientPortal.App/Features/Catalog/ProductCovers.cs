using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClientPortal.Domain;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Features.Catalog;

/// <summary>A cover file the portal serves: where it is on disk and what it is.</summary>
public sealed record CoverFile(string Path, string ContentType);

/// <summary>
/// Cover images uploaded in the product editor, kept in the data folder under <c>covers/</c>. A file is named after its
/// product and its content hash, so its address changes whenever the image does and browsers may cache it for good.
/// </summary>
public sealed partial class ProductCovers(IDbContextFactory<PortalDbContext> dbFactory, IOptions<PortalOptions> options, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const string TooLarge = "The image is larger than 5 MB. Save it smaller (1600 × 900 is plenty) and upload it again.";
    public const string UrlPrefix = "/covers/";
    public const string FolderName = DataFolder.CoversFolderName;

    private string Folder => Path.Combine(options.Value.DataDirectory, FolderName);

    /// <summary>Checks the bytes themselves (never the file name) and stores the image as the product's cover.</summary>
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
            return Outcome.Fail("That file is not a PNG, JPEG or WebP image. Export the cover in one of those formats and upload it again.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null) return Outcome.Fail("This product no longer exists.");

        Directory.CreateDirectory(Folder);
        var name = $"{productId}-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.{extension}";
        await File.WriteAllBytesAsync(Path.Combine(Folder, name), bytes, ct);
        var previous = product.CoverUrl;
        product.SetCover(UrlPrefix + name, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        if (previous != product.CoverUrl && Find(previous) is { } old) File.Delete(old.Path);
        return Outcome.Ok;
    }

    /// <summary>The stored cover a <c>/covers/…</c> address names, or null for anything else (no paths outside the folder).</summary>
    public CoverFile? Find(string? urlOrName)
    {
        var name = urlOrName?.StartsWith(UrlPrefix, StringComparison.Ordinal) == true ? urlOrName[UrlPrefix.Length..] : urlOrName;
        if (name is null || !StoredName().IsMatch(name)) return null;
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path)) return null;
        var contentType = Path.GetExtension(name) switch { ".png" => "image/png", ".webp" => "image/webp", _ => "image/jpeg" };
        return new CoverFile(path, contentType);
    }

    public static bool IsStoredCover(string? url) =>
        url?.StartsWith(UrlPrefix, StringComparison.Ordinal) == true && StoredName().IsMatch(url[UrlPrefix.Length..]);

    private static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "png"
        : b.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "jpg"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "webp"
        : null;

    [GeneratedRegex(@"^[0-9]+-[0-9a-f]{16}\.(png|jpg|webp)$")]
    private static partial Regex StoredName();
}
