using System.Security.Cryptography;
using ClientPortal.App.Features.Media;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Settings;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Settings;

/// <summary>The Owner's uploaded logo and favicon, kept like covers (<see cref="StoredImages"/>) and served publicly
/// at <see cref="BrandImageAddress"/>.</summary>
public sealed class BrandImages(IDbContextFactory<PortalDbContext> dbFactory, StoredImages images,
    TimeProvider clock)
{
    public const string TooLarge = "The image is larger than 5 MB. Save it smaller (a logo 400 px wide, an icon " +
        "180 px square is plenty) and upload it again.";

    /// <summary>Stores the upload as the portal's logo or favicon; returns its address.</summary>
    public async Task<Outcome<string>> SaveAsync(BrandImageKind kind, Stream upload, Actor actor,
        CancellationToken ct = default)
    {
        if (!actor.IsOwner) return Outcome<string>.Fail("Only the Owner can change the portal's brand.");
        var read = await StoredImages.ReadAsync(upload, TooLarge, "That file is not a PNG, JPEG or WebP image. " +
            "Export it in one of those formats and upload it again.", ct);
        if (!read.Succeeded) return read.FailureAs<string>();
        var (bytes, extension) = read.Value;
        var name = BrandImageAddress.NameFor(kind, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16], extension);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Settings.SingleAsync(ct);
        await images.WriteAsync(db, name, bytes, ct);
        var url = BrandImageAddress.For(name);
        var previous = Current(settings, kind);
        settings.SetBrandImage(kind, url, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        if (BrandImageAddress.NameIn(previous) is { } old && old != name) await images.DeleteAsync(db, old, ct);
        return Outcome<string>.Success(url);
    }

    /// <summary>Back to no logo (the name alone) or the portal's own favicon.</summary>
    public async Task<Outcome> RemoveAsync(BrandImageKind kind, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOwner) return Outcome.Fail("Only the Owner can change the portal's brand.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Settings.SingleAsync(ct);
        var previous = Current(settings, kind);
        if (previous is null) return Outcome.Ok;
        settings.SetBrandImage(kind, null, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        if (BrandImageAddress.NameIn(previous) is { } old) await images.DeleteAsync(db, old, ct);
        return Outcome.Ok;
    }

    /// <summary>The stored image a <c>/brand/…</c> name names, or null for anything else.</summary>
    public Task<ImageFile?> FindAsync(string? name, CancellationToken ct = default) =>
        BrandImageAddress.NameIn(name) is { } stored ? images.FindAsync(stored, ct)
            : Task.FromResult<ImageFile?>(null);

    private static string? Current(PortalSettings s, BrandImageKind kind) =>
        kind == BrandImageKind.Logo ? s.LogoUrl : s.FaviconUrl;
}
