using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Contacts.Services;

public class ContactTests
{
    [Fact]
    public async Task Duplicate_email_error_names_the_existing_contact()
    {
        await using var host = await DomainHost.StartAsync();
        var directory = host.Get<ContactDirectory>();
        var id = await Seed.ContactAsync(host, "Ada@Example.com", "Ada", "Lovelace");
        var dup = await directory.CreateAsync(new ContactDetails(" ada@example.COM ", null, null, null), Seed.Admin);
        Assert.False(dup.Succeeded);
        Assert.Equal($"A contact with this email already exists: Ada Lovelace <Ada@Example.com> (#{id}).",
            dup.ErrorText);
        Assert.Contains("not a valid email",
            (await directory.CreateAsync(new ContactDetails("nope", null, null, null), Seed.Admin)).ErrorText);
    }

    [Fact]
    public async Task Search_pages_sorts_and_filters_in_sql()
    {
        await using var host = await DomainHost.StartAsync();
        var directory = host.Get<ContactDirectory>();
        for (var i = 0; i < 30; i++)
            await Seed.ContactAsync(host, $"user{i:D2}@example.com", $"First{i}", i % 2 == 0 ? "Even" : "Odd",
                i % 3 == 0 ? "vip" : "newsletter");
        await Seed.ContactAsync(host, "zed@other.org", "Zed", "Zulu");

        var page = await directory.SearchAsync(new ContactQuery(Sort: ContactSort.Email, Descending: false, Skip: 10,
            Take: 10));
        Assert.Equal(31, page.Total);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"user{i:D2}@example.com"), page.Items.Select(r => r.Email));

        var prefix = await directory.SearchAsync(new ContactQuery(Search: "USER1", Sort: ContactSort.Email,
            Descending: true));
        Assert.Equal(10, prefix.Total);
        Assert.Equal("user19@example.com", prefix.Items[0].Email);

        Assert.Equal(1, (await directory.SearchAsync(new ContactQuery(Search: "zul"))).Total); // last-name prefix
        Assert.Equal(1, (await directory.SearchAsync(new ContactQuery(Search: "zed@"))).Total);
        Assert.Equal(10, (await directory.SearchAsync(new ContactQuery(Tag: "VIP"))).Total);
        Assert.Equal(0, (await directory.SearchAsync(new ContactQuery(Status: PortalStatus.Active))).Total);

        var course = await Seed.ProductAsync(host, "C");
        var offer = await Seed.OfferAsync(host, "O", course);
        var zed = (await directory.FindByEmailAsync("zed@other.org"))!.Id;
        await host.Get<ClientPortal.App.Features.Access.AccessGrants>().GrantAsync(zed, offer, null, Seed.Admin);
        Assert.Equal(["zed@other.org"], (await directory.SearchAsync(new ContactQuery(OfferId: offer)))
            .Items.Select(r => r.Email));

        var byName = await directory.SearchAsync(new ContactQuery(Sort: ContactSort.Name, Descending: false, Take: 1));
        Assert.Equal("Even", byName.Items[0].LastName);
        Assert.Equal(["vip"], (await directory.SearchAsync(new ContactQuery(Search: "user00@"))).Items[0].Tags);
    }

    [Fact]
    public async Task An_update_changes_the_details_and_audits_each_change_in_words()
    {
        await using var host = await DomainHost.StartAsync();
        var directory = host.Get<ContactDirectory>();
        var id = await Seed.ContactAsync(host, "eve@example.com", "Eve");
        Assert.True((await directory.UpdateAsync(id,
            new ContactDetails("eve@example.com", "Evelyn", "Stone", "+1 555", ["a"]), Seed.Admin)).Succeeded);
        var contact = await directory.GetAsync(id);
        Assert.Equal(("Evelyn", "Stone", "+1 555"), (contact!.FirstName, contact.LastName, contact.Phone));
        Assert.Equal(["a"], contact.Tags.Select(t => t.Tag));

        await using var db = host.NewDb();
        var update = await db.AuditEvents.SingleAsync(a => a.Action == "contact.update");
        Assert.Contains("first name: 'Eve' → 'Evelyn'", update.Details);
    }

    [Fact]
    public async Task Bulk_tagging_counts_only_the_contacts_it_changed()
    {
        await using var host = await DomainHost.StartAsync();
        var directory = host.Get<ContactDirectory>();
        var tagged = await Seed.ContactAsync(host, "eve@example.com", "Eve", null, "a");
        var other = await Seed.ContactAsync(host, "fay@example.com");
        Assert.Equal(1, await directory.TagAsync([tagged, other], "a", add: true, Seed.Admin));
        Assert.Equal(2, await directory.TagAsync([tagged, other], "a", add: false, Seed.Admin));
        Assert.Equal(0, await directory.TagAsync([tagged, other], "a", add: false, Seed.Admin));
    }
}
