using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Tests.Support;

/// <summary>Builds catalog and contacts through the real domain services.</summary>
public static class Seed
{
    public static readonly Actor Admin = new("admin-id", "admin@example.com", Roles.Admin);

    public static async Task<long> ProductAsync(DomainHost host, string title, bool published = true,
        ProductKind kind = ProductKind.Course)
    {
        var catalogProducts = host.Get<CatalogProducts>();
        var catalogCurriculum = host.Get<CatalogCurriculum>();
        var id = (await catalogProducts.CreateProductAsync(new ProductDetails(title, null, kind, null), Admin)).Value;
        if (published) await catalogProducts.SetPublishedAsync(id, true, Admin);
        return id;
    }

    public static async Task<long> OfferAsync(DomainHost host, string name, params long[] productIds)
    {
        var outcome = await host.Get<CatalogOffers>().SaveOfferAsync(null, name, null, productIds, Admin);
        Assert.True(outcome.Succeeded, outcome.ErrorText);
        return outcome.Value;
    }

    public static async Task<long> ContactAsync(DomainHost host, string email, string? first = null,
        string? last = null,
        params string[] tags)
    {
        var outcome = await host.Get<ContactDirectory>()
            .CreateAsync(new ContactDetails(email, first, last, null, tags), Admin);
        Assert.True(outcome.Succeeded, outcome.ErrorText);
        return outcome.Value!.Id;
    }
}

/// <summary>A published course with categories of lessons, granted through an offer to a new contact.</summary>
public sealed record SeededCourse(long ProductId, long OfferId, long ContactId, long[] CategoryIds, long[][] LessonIds);

public static class SeedCourse
{
    /// <param name="shape">Lessons per category, e.g. [2, 1] is two categories of two and one lesson.</param>
    public static async Task<SeededCourse> GrantedAsync(DomainHost host, string email, params int[] shape)
    {
        var catalogProducts = host.Get<CatalogProducts>();
        var catalogCurriculum = host.Get<CatalogCurriculum>();
        var product = await Seed.ProductAsync(host, $"Course for {email}");
        var categories = new List<long>();
        var lessons = new List<long[]>();
        for (var c = 0; c < shape.Length; c++)
        {
            var category = (await catalogCurriculum.AddCategoryAsync(product, $"Module {c + 1}", Seed.Admin)).Value;
            categories.Add(category);
            var ids = new long[shape[c]];
            for (var l = 0; l < shape[c]; l++)
            {
                ids[l] = (await catalogCurriculum.AddLessonAsync(category, $"Lesson {c + 1}.{l + 1}", Seed.Admin))
                    .Value;
                Assert.True((await catalogCurriculum.UpdateLessonAsync(ids[l], $"Lesson {c + 1}.{l + 1}",
                    $"Body of lesson {c + 1}.{l + 1}", null, Seed.Admin)).Succeeded);
            }
            lessons.Add(ids);
        }
        var offer = await Seed.OfferAsync(host, $"Offer for {email}", product);
        var contact = await Seed.ContactAsync(host, email, "Ada", "Lovelace");
        Assert.True((await host.Get<ClientPortal.App.Features.Access.AccessGrants>()
            .GrantAsync(contact, offer, null, Seed.Admin)).Succeeded);
        return new SeededCourse(product, offer, contact, categories.ToArray(), lessons.ToArray());
    }
}
