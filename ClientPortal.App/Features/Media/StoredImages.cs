using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Features.Media;

/// <summary>An image the portal serves: its bytes (the caller disposes the stream) and what it is.</summary>
public sealed record ImageFile(Stream Content, string ContentType);

/// <summary>
/// Uploaded images (covers, the logo, the favicon), by a name that holds their content hash: on SQLite (one node) in
/// the data folder under <c>covers/</c>; on PostgreSQL in the database, where every node finds them.
/// </summary>
public sealed class StoredImages(IDbContextFactory<PortalDbContext> dbFactory, IOptions<PortalOptions> options,
    DatabaseTarget database, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    private string Folder => Path.Combine(options.Value.DataDirectory, DataFolder.CoversFolderName);

    /// <summary>An upload's bytes and their image type (by the bytes, never the file name): at most
    /// <see cref="MaxBytes"/>, PNG, JPEG or WebP; otherwise the reason in words.</summary>
    public static async Task<Outcome<(byte[] Bytes, string Extension)>> ReadAsync(Stream upload, string tooLarge,
        string notAnImage, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return Outcome<(byte[], string)>.Fail(tooLarge);
        }
        var bytes = buffer.ToArray();
        return Sniff(bytes) is { } extension ? Outcome<(byte[], string)>.Success((bytes, extension))
            : Outcome<(byte[], string)>.Fail(notAnImage);
    }

    /// <summary>Stores an image under its name in the given transaction's context (PostgreSQL) or the folder.
    /// </summary>
    public async Task WriteAsync(PortalDbContext db, string name, byte[] bytes, CancellationToken ct)
    {
        if (database.IsPostgreSql)
        {
            if (!await db.CoverImages.AnyAsync(c => c.Name == name, ct))
                db.CoverImages.Add(new CoverImage { Name = name, Bytes = bytes,
                    CreatedAt = clock.GetUtcNow().UtcDateTime });
            return;
        }
        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(Path.Combine(Folder, name), bytes, ct);
    }

    /// <summary>Removes an image nothing points at any more.</summary>
    public async Task DeleteAsync(PortalDbContext db, string name, CancellationToken ct)
    {
        if (database.IsPostgreSql) await db.CoverImages.Where(c => c.Name == name).ExecuteDeleteAsync(ct);
        else File.Delete(Path.Combine(Folder, name));
    }

    /// <summary>The image of a (validated) stored name, or null.</summary>
    public async Task<ImageFile?> FindAsync(string name, CancellationToken ct = default)
    {
        var contentType = Path.GetExtension(name) switch { ".png" => "image/png", ".webp" => "image/webp",
            _ => "image/jpeg" };
        if (database.IsPostgreSql)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var bytes = await db.CoverImages.Where(c => c.Name == name).Select(c => c.Bytes).FirstOrDefaultAsync(ct);
            return bytes is null ? null : new ImageFile(new MemoryStream(bytes, writable: false), contentType);
        }
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? new ImageFile(File.OpenRead(path), contentType) : null;
    }

    private static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "png"
        : b.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "jpg"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "webp"
        : null;
}
