using ClientPortal.App.Features.Access;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Access.Services;

public class AccessTests
{
    private static async Task<List<IDomainEvent>> RecordEventsAsync(DomainHost host)
    {
        var seen = new List<IDomainEvent>();
        host.Get<DomainEvents>().Subscribe(e => { lock (seen) seen.Add(e); return Task.CompletedTask; });
        return await Task.FromResult(seen);
    }

    [Fact]
    public async Task Grant_shows_products_and_revoke_hides_them_immediately()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await Seed.ProductAsync(host, "Photography");
        var offer = await Seed.OfferAsync(host, "Starter", course);
        var contact = await Seed.ContactAsync(host, "ada@example.com");
        var access = host.Get<AccessGrants>();
        var events = await RecordEventsAsync(host);

        Assert.Empty(await access.VisibleProductsAsync(contact));
        Assert.True((await access.GrantAsync(contact, offer, null, Seed.Admin)).Succeeded);
        Assert.Equal(["Photography"], (await access.VisibleProductsAsync(contact)).Select(p => p.Title));
        Assert.Contains(events, e => e is OfferAccessGranted g && g.ContactId == contact && g.OfferId == offer);
        Assert.Contains(events, e => e is ProductAccessGranted g && g.ProductId == course);

        Assert.True((await access.RevokeAsync(contact, offer, Seed.Admin)).Succeeded);
        Assert.Empty(await access.VisibleProductsAsync(contact));
        Assert.Contains(events, e => e is GrantRevoked { WasActive: true });
        Assert.Contains(events, e => e is ProductAccessRemoved r && r.ProductId == course);

        await using var db = host.NewDb();
        var actions = await db.AuditEvents.Where(a => a.ContactId == contact).Select(a => a.Action).ToListAsync();
        Assert.Contains("grant.add", actions);
        Assert.Contains("grant.revoke", actions);
        Assert.All(await db.AuditEvents.Where(a => a.Action.StartsWith("grant.")).ToListAsync(),
            a => Assert.Equal("admin@example.com", a.ActorName));
    }

    [Fact]
    public async Task Overlapping_offers_keep_a_shared_product_visible_when_one_is_revoked()
    {
        await using var host = await DomainHost.StartAsync();
        var shared = await Seed.ProductAsync(host, "Shared course");
        var extra = await Seed.ProductAsync(host, "Extra course");
        var starter = await Seed.OfferAsync(host, "Starter", shared);
        var allAccess = await Seed.OfferAsync(host, "All Access", shared, extra);
        var contact = await Seed.ContactAsync(host, "bo@example.com");
        var access = host.Get<AccessGrants>();
        await access.GrantAsync(contact, starter, null, Seed.Admin);
        var events = await RecordEventsAsync(host);
        await access.GrantAsync(contact, allAccess, null, Seed.Admin);
        // Only the product that became newly visible is announced.
        Assert.Equal([extra], events.OfType<ProductAccessGranted>().Select(e => e.ProductId));

        events.Clear();
        await access.RevokeAsync(contact, starter, Seed.Admin);
        Assert.Equal(["Extra course", "Shared course"], (await access.VisibleProductsAsync(contact))
            .Select(p => p.Title));
        Assert.Empty(events.OfType<ProductAccessRemoved>());

        await access.RevokeAsync(contact, allAccess, Seed.Admin);
        Assert.Empty(await access.VisibleProductsAsync(contact));
        Assert.Equal(new[] { extra, shared }.Order(), events.OfType<ProductAccessRemoved>().Select(e => e.ProductId)
            .Order());
    }

    [Fact]
    public async Task Expiry_takes_effect_without_any_job()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await Seed.ProductAsync(host, "Course");
        var offer = await Seed.OfferAsync(host, "Month pass", course);
        var contact = await Seed.ContactAsync(host, "cy@example.com");
        var access = host.Get<AccessGrants>();

        var past = host.Clock.GetUtcNow().UtcDateTime.AddDays(-1);
        Assert.False((await access.GrantAsync(contact, offer, past, Seed.Admin)).Succeeded);

        await access.GrantAsync(contact, offer, host.Clock.GetUtcNow().UtcDateTime.AddDays(30), Seed.Admin);
        Assert.Single(await access.VisibleProductsAsync(contact));
        host.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Empty(await access.VisibleProductsAsync(contact));
        Assert.Equal(GrantState.Expired, (await access.GrantsOfAsync(contact)).Single().State);
    }

    [Fact]
    public async Task Granting_an_expired_offer_again_keeps_the_old_grant_as_history()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await Seed.ProductAsync(host, "Course");
        var offer = await Seed.OfferAsync(host, "Month pass", course);
        var contact = await Seed.ContactAsync(host, "cy@example.com");
        var access = host.Get<AccessGrants>();
        await access.GrantAsync(contact, offer, host.Clock.GetUtcNow().UtcDateTime.AddDays(30), Seed.Admin);
        host.Clock.Advance(TimeSpan.FromDays(31));

        await access.GrantAsync(contact, offer, null, Seed.Admin);
        Assert.Single(await access.VisibleProductsAsync(contact));
        var history = await access.GrantsOfAsync(contact);
        Assert.Equal(2, history.Count);
        Assert.Single(history, g => g.State == GrantState.Active);
        Assert.Equal("expired; re-granted", Assert.Single(history, g => g.State == GrantState.Revoked).RevokedBy);
    }

    [Fact]
    public async Task Unpublished_products_stay_hidden_from_holders_of_their_offer()
    {
        await using var host = await DomainHost.StartAsync();
        var draft = await Seed.ProductAsync(host, "Draft", published: false);
        var live = await Seed.ProductAsync(host, "Live");
        var offer = await Seed.OfferAsync(host, "Bundle", draft, live);
        var a = await Seed.ContactAsync(host, "a@example.com");
        var access = host.Get<AccessGrants>();
        await access.GrantAsync(a, offer, null, Seed.Admin);

        Assert.Equal(["Live"], (await access.VisibleProductsAsync(a)).Select(p => p.Title));
        Assert.False(await access.CanSeeAsync(a, draft));
    }

    [Fact]
    public async Task Who_can_see_a_product_lists_the_holders_of_its_offers_and_nobody_for_a_draft()
    {
        await using var host = await DomainHost.StartAsync();
        var draft = await Seed.ProductAsync(host, "Draft", published: false);
        var live = await Seed.ProductAsync(host, "Live");
        var offer = await Seed.OfferAsync(host, "Bundle", draft, live);
        var a = await Seed.ContactAsync(host, "a@example.com");
        var b = await Seed.ContactAsync(host, "b@example.com");
        await Seed.ContactAsync(host, "c@example.com");
        var access = host.Get<AccessGrants>();
        await access.GrantAsync(a, offer, null, Seed.Admin);
        await access.GrantAsync(b, offer, null, Seed.Admin);

        var who = await access.WhoCanSeeAsync(live, 0, 10);
        Assert.Equal(2, who.Total);
        Assert.Equal(["a@example.com", "b@example.com"], who.Items.Select(i => i.Email));
        Assert.Equal(0, (await access.WhoCanSeeAsync(draft, 0, 10)).Total);
    }

    [Fact]
    public async Task Explainer_walks_offer_product_publication_and_grant_state()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await Seed.ProductAsync(host, "Sourdough", published: false);
        var orphan = await Seed.ProductAsync(host, "Orphan");
        var offer = await Seed.OfferAsync(host, "Bakery", course);
        var contact = await Seed.ContactAsync(host, "dee@example.com", "Dee", "Baker");
        var explainer = host.Get<AccessExplainer>();
        var access = host.Get<AccessGrants>();

        Assert.Contains("not in any offer", (await explainer.ExplainAsync(contact, orphan)).Verdict);
        var never = await explainer.ExplainAsync(contact, course);
        Assert.False(never.CanSee);
        Assert.Contains(never.Steps, s => s.Contains("never held “Bakery”"));

        await access.GrantAsync(contact, offer, null, Seed.Admin);
        var unpublished = await explainer.ExplainAsync(contact, course);
        Assert.False(unpublished.CanSee);
        Assert.Contains("unpublished", unpublished.Verdict);

        await host.Get<ClientPortal.App.Features.Catalog.CatalogProducts>().SetPublishedAsync(course, true, Seed.Admin);
        var yes = await explainer.ExplainAsync(contact, course);
        Assert.True(yes.CanSee);
        Assert.StartsWith("Yes: Dee Baker can see “Sourdough” through “Bakery”", yes.Verdict);

        await access.RevokeAsync(contact, offer, Seed.Admin);
        var revoked = await explainer.ExplainAsync(contact, course);
        Assert.False(revoked.CanSee);
        Assert.Contains(revoked.Steps, s => s.Contains("was revoked") && s.Contains("admin@example.com"));
    }

    [Fact]
    public async Task Staff_cannot_delete_a_contact()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "kept@example.com");
        var directory = host.Get<ClientPortal.App.Features.Contacts.ContactDirectory>();
        var staff = Seed.Admin with { Role = Roles.Staff };
        Assert.Contains("Only an Owner or Admin", (await directory.DeleteAsync(contact, staff)).ErrorText);
        Assert.NotNull(await directory.GetAsync(contact));
    }

    [Fact]
    public async Task A_deleted_contacts_access_goes_with_them()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await Seed.ProductAsync(host, "Course");
        var offer = await Seed.OfferAsync(host, "Offer", course);
        var contact = await Seed.ContactAsync(host, "gone@example.com");
        var access = host.Get<AccessGrants>();
        var directory = host.Get<ClientPortal.App.Features.Contacts.ContactDirectory>();
        await access.GrantAsync(contact, offer, null, Seed.Admin);
        Assert.Single(await access.VisibleProductsAsync(contact));

        Assert.True((await directory.DeleteAsync(contact, Seed.Admin)).Succeeded);
        Assert.Empty(await access.VisibleProductsAsync(contact));
        Assert.Null(await directory.GetAsync(contact));
    }

    [Fact]
    public async Task A_deleted_contacts_email_can_be_given_to_a_new_contact()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "gone@example.com");
        var directory = host.Get<ClientPortal.App.Features.Contacts.ContactDirectory>();
        Assert.True((await directory.DeleteAsync(contact, Seed.Admin)).Succeeded);
        var again = await directory.CreateAsync(new("gone@example.com", null, null, null), Seed.Admin);
        Assert.True(again.Succeeded, again.ErrorText);
        Assert.NotEqual(contact, again.Value!.Id);
    }
}
