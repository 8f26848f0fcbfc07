using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Contacts.Services;

/// <summary>Soft delete is one rule on the model: a deleted contact is in no query unless the filter is lifted by
/// name.</summary>
public class SoftDeleteTests
{
    [Fact]
    public async Task A_deleted_contact_is_left_out_of_every_query_and_found_again_when_the_filter_is_lifted_by_name()
    {
        await using var host = await DomainHost.StartAsync();
        var offer = await Seed.OfferAsync(host, "Starter", await Seed.ProductAsync(host, "Course"));
        var kept = await Seed.ContactAsync(host, "kept@example.com");
        var gone = await Seed.ContactAsync(host, "gone@example.com");
        foreach (var id in new[] { kept, gone }) Assert.True((await host.Get<AccessGrants>()
            .GrantAsync(id, offer, null, Seed.Admin)).Succeeded);

        Assert.True((await host.Get<ContactDirectory>().DeleteAsync(gone, Seed.Admin)).Succeeded);

        await using var db = host.NewDb();
        Assert.Equal([kept], await db.Contacts.Select(c => c.Id).ToListAsync());
        Assert.Null(await host.Get<ContactDirectory>().GetAsync(gone));
        Assert.Null(await host.Get<ContactDirectory>().FindByEmailAsync("gone@example.com"));
        Assert.Empty(await host.Get<AccessGrants>().ActiveOfferIdsAsync(gone));
        var lifted = await db.Contacts.IgnoreQueryFilters([PortalDbContext.SoftDelete]).SingleAsync(c => c.Id == gone);
        Assert.True(lifted.IsDeleted);
    }
}
