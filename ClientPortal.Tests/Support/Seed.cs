using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Tests.Support;

/// <summary>Builds catalog and contacts through the real domain services.</summary>
public static class Seed
{
    public static readonly Actor Admin = new("admin-id", "admin@example.com", Roles.Admin);

    public static async Task<long> ProductAsync(DomainHost host, string title, bool published = true, ProductKind kind = ProductKind.Course)
    {
        var catalog = host.Get<CatalogEditor>();
        var id = (await catalog.CreateProductAsync(new ProductInput(title, null, kind, null), Admin)).Value;
        if (published) await catalog.SetPublishedAsync(id, true, Admin);
        return id;
    }

    public static async Task<long> OfferAsync(DomainHost host, string name, params long[] productIds)
    {
        var outcome = await host.Get<CatalogEditor>().SaveOfferAsync(null, name, null, productIds, Admin);
        Assert.True(outcome.Succeeded, outcome.ErrorText);
        return outcome.Value;
    }

    public static async Task<long> ContactAsync(DomainHost host, string email, string? first = null, string? last = null, params string[] tags)
    {
        var outcome = await host.Get<ContactDirectory>().CreateAsync(new ContactInput(email, first, last, null, tags), Admin);
        Assert.True(outcome.Succeeded, outcome.ErrorText);
        return outcome.Value!.Id;
    }
}
