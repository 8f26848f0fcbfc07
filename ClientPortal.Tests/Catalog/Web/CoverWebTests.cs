using System.Net;
using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Catalog.Web;

/// <summary>Cover images uploaded in the product editor: checked by their bytes, kept in the data folder (SQLite) or
/// the database (PostgreSQL), served to signed-in people.</summary>
public class CoverWebTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private CatalogProducts Products => factory.Services.GetRequiredService<CatalogProducts>();
    private ProductCovers Covers => factory.Services.GetRequiredService<ProductCovers>();

    private async Task<long> ProductAsync() =>
        (await Products.CreateProductAsync(new ProductDetails("Sourdough at Home", null, ProductKind.Course, null),
            Seed.Admin)).Value;

    /// <summary>A product whose cover is <see cref="Png"/>, and the cover's address.</summary>
    private async Task<(long Product, string Url)> CoveredAsync()
    {
        var product = await ProductAsync();
        Assert.True((await Covers.SaveAsync(product, new MemoryStream(Png), Seed.Admin)).Succeeded);
        return (product, (await Products.ProductAsync(product))!.CoverUrl!);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_or_too_large_is_refused_with_a_reason()
    {
        var product = await ProductAsync();
        // A text file named .png, and an image over 5 MB: refused, nothing stored.
        var fake = await Covers.SaveAsync(product, new MemoryStream("<svg onload=alert(1)>"u8.ToArray()), Seed.Admin);
        Assert.Contains("not a PNG, JPEG or WebP image", fake.ErrorText);
        var huge = new byte[ProductCovers.MaxBytes + 1];
        Png.CopyTo(huge, 0);
        Assert.Equal(ProductCovers.TooLarge, (await Covers.SaveAsync(product, new MemoryStream(huge), Seed.Admin))
            .ErrorText);
        Assert.Null((await Products.ProductAsync(product))!.CoverUrl);
    }

    [Fact]
    public async Task A_png_becomes_the_cover_kept_privately_in_the_data_folder_or_the_database()
    {
        var (product, url) = await CoveredAsync();
        Assert.Matches($"^/covers/{product}-[0-9a-f]{{16}}\\.png$", url);
        var name = url.Split('/')[^1];
        // One node on SQLite: a private file in the data folder. On PostgreSQL: in the database, for every node.
        if (TestDatabase.IsPostgreSql) Assert.Equal(Png, await StoredAsync(name));
        else
        {
            var file = Path.Combine(factory.DataDirectory, "covers", name);
            Assert.Equal(Png, await File.ReadAllBytesAsync(file));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task A_cover_is_served_only_to_signed_in_people_and_never_outside_its_folder()
    {
        var (_, url) = await CoveredAsync();
        var contact = await new PortalData(factory.Services).ContactAsync("baker@example.com");
        var learner = await factory.SignedInViaLinkAsync(contact);
        var response = await learner.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await factory.NewClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/covers/..%2Fportal.db")).StatusCode);
    }

    [Fact]
    public async Task A_new_cover_replaces_the_old_ones_bytes()
    {
        var (product, url) = await CoveredAsync();
        var name = url.Split('/')[^1];
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0 };
        Assert.True((await Covers.SaveAsync(product, new MemoryStream(jpeg), Seed.Admin)).Succeeded);
        Assert.EndsWith(".jpg", (await Products.ProductAsync(product))!.CoverUrl);
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "covers", name)));
        Assert.Null(await StoredAsync(name));
        var contact = await new PortalData(factory.Services).ContactAsync("rye@example.com");
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInViaLinkAsync(contact)).GetAsync(url))
            .StatusCode);
    }

    private async Task<byte[]?> StoredAsync(string name)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync();
        return await db.CoverImages.Where(c => c.Name == name).Select(c => c.Bytes).FirstOrDefaultAsync();
    }
}
