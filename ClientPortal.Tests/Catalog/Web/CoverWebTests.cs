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

    [Fact]
    public async Task A_png_becomes_the_cover_other_files_are_refused_with_a_reason_and_only_signed_in_people_get_it()
    {
        var catalogProducts = factory.Services.GetRequiredService<CatalogProducts>();
        var covers = factory.Services.GetRequiredService<ProductCovers>();
        var product = (await catalogProducts.CreateProductAsync(new ProductDetails("Sourdough at Home", null,
            ProductKind.Course, null), Seed.Admin)).Value;

        // A text file named .png, and an image over 5 MB: refused, nothing stored.
        var fake = await covers.SaveAsync(product, new MemoryStream("<svg onload=alert(1)>"u8.ToArray()), Seed.Admin);
        Assert.Contains("not a PNG, JPEG or WebP image", fake.ErrorText);
        var huge = new byte[ProductCovers.MaxBytes + 1];
        Png.CopyTo(huge, 0);
        Assert.Equal(ProductCovers.TooLarge, (await covers.SaveAsync(product, new MemoryStream(huge), Seed.Admin))
            .ErrorText);
        Assert.Null((await catalogProducts.ProductAsync(product))!.CoverUrl);

        Assert.True((await covers.SaveAsync(product, new MemoryStream(Png), Seed.Admin)).Succeeded);
        var url = (await catalogProducts.ProductAsync(product))!.CoverUrl!;
        Assert.Matches($"^/covers/{product}-[0-9a-f]{{16}}\\.png$", url);
        var name = url.Split('/')[^1];
        var file = Path.Combine(factory.DataDirectory, "covers", name);
        // One node on SQLite: a private file in the data folder. On PostgreSQL: in the database, for every node.
        if (TestDatabase.IsPostgreSql) Assert.Equal(Png, await StoredAsync(name));
        else
        {
            Assert.Equal(Png, await File.ReadAllBytesAsync(file));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(file));
        }

        // Served to a signed-in learner with its type and a long cache; a stranger is sent to sign in; no path escapes
        // the folder.
        var contact = await new PortalData(factory.Services).ContactAsync("baker@example.com");
        var learner = await factory.SignedInViaLinkAsync(contact);
        var response = await learner.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await factory.NewClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/covers/..%2Fportal.db")).StatusCode);

        // A new cover replaces the file of the old one.
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0 };
        Assert.True((await covers.SaveAsync(product, new MemoryStream(jpeg), Seed.Admin)).Succeeded);
        Assert.EndsWith(".jpg", (await catalogProducts.ProductAsync(product))!.CoverUrl);
        Assert.False(File.Exists(file));
        Assert.Null(await StoredAsync(name));
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync(url)).StatusCode);
    }

    private async Task<byte[]?> StoredAsync(string name)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync();
        return await db.CoverImages.Where(c => c.Name == name).Select(c => c.Bytes).FirstOrDefaultAsync();
    }
}
