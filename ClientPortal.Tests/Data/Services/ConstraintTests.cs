using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Data.Services;

public class ConstraintTests
{
    private static Contact NewContact(string email, DateTime now) =>
        Contact.Create(new ContactDetails(email, null, null, null, []), now);

    private static Grant NewGrant(long contactId, long offerId, DateTime grantedAt, DateTime? expiresAt = null) =>
        Grant.Give(contactId, offerId, "Offer", expiresAt, Seed.Admin, grantedAt, null);

    private static Grant Revoked(Grant grant, DateTime at)
    {
        grant.Revoke("Offer", Seed.Admin, at, null);
        return grant;
    }

    [Fact]
    public async Task Contact_email_is_unique_regardless_of_case()
    {
        await using var host = await DomainHost.StartAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using (var db = host.NewDb())
        {
            db.Contacts.Add(NewContact("Ada@Example.com", now));
            await db.SaveChangesAsync();
        }
        await using (var db = host.NewDb())
        {
            db.Contacts.Add(NewContact("  ada@EXAMPLE.com ", now));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = host.NewDb())
        {
            Assert.Equal(1, await db.Contacts.CountAsync());
            Assert.Equal("Ada@Example.com", (await db.Contacts.SingleAsync()).Email);
        }
    }

    [Theory]
    [InlineData("ada@example.com", true)]
    [InlineData("Ada.Lovelace+courses@mail.example.org", true)]
    [InlineData("", false)]
    [InlineData("ada", false)]
    [InlineData("ada@localhost", false)]
    [InlineData("Ada <ada@example.com>", false)]
    [InlineData("ada@@example.com", false)]
    [InlineData("ada @example.com", false)]
    public void Email_validation(string email, bool valid)
    {
        Assert.Equal(valid, ContactEmail.IsValid(email, out var error));
        Assert.Equal(valid, error.Length == 0);
    }

    [Fact]
    public async Task Only_one_unrevoked_grant_per_contact_and_offer()
    {
        await using var host = await DomainHost.StartAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        long contactId, offerId;
        await using (var db = host.NewDb())
        {
            var c = NewContact("grant@example.com", now);
            var o = new Offer { Name = "All Access", CreatedAt = now };
            db.AddRange(c, o);
            await db.SaveChangesAsync();
            (contactId, offerId) = (c.Id, o.Id);
            db.Grants.Add(Revoked(NewGrant(contactId, offerId, now), now.AddMinutes(1)));
            db.Grants.Add(NewGrant(contactId, offerId, now.AddMinutes(2)));
            await db.SaveChangesAsync(); // a revoked grant and a live one may coexist
        }
        await using (var db = host.NewDb())
        {
            db.Grants.Add(NewGrant(contactId, offerId, now.AddMinutes(3)));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task A_grant_cannot_expire_before_it_was_granted()
    {
        await using var host = await DomainHost.StartAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using var db = host.NewDb();
        var c = NewContact("expiry@example.com", now);
        var o = new Offer { Name = "Starter", CreatedAt = now };
        db.AddRange(c, o);
        await db.SaveChangesAsync();
        db.Grants.Add(NewGrant(c.Id, o.Id, now, now.AddDays(-1)));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Grant_for_an_unknown_contact_is_refused_by_foreign_key()
    {
        await using var host = await DomainHost.StartAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using var db = host.NewDb();
        var o = new Offer { Name = "Orphan", CreatedAt = now };
        db.Offers.Add(o);
        await db.SaveChangesAsync();
        db.Grants.Add(NewGrant(999_999, o.Id, now));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public void Grant_validity_follows_revocation_and_expiry()
    {
        var t = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var open = NewGrant(1, 1, t);
        var expiring = NewGrant(1, 1, t, t.AddDays(30));
        var revoked = Revoked(NewGrant(1, 1, t), t.AddDays(1));

        Assert.True(open.IsActiveAt(t.AddYears(5)));
        Assert.True(expiring.IsActiveAt(t.AddDays(29)));
        Assert.False(expiring.IsActiveAt(t.AddDays(30)));
        Assert.Equal(GrantState.Expired, expiring.StateAt(t.AddDays(31)));
        Assert.False(revoked.IsActiveAt(t.AddDays(2)));
        Assert.Equal(GrantState.Revoked, revoked.StateAt(t.AddDays(2)));
    }

    [Fact]
    public async Task Demo_seed_runs_once_with_a_realistic_audience()
    {
        await using var host = await DomainHost.StartAsync(seedDemo: true);
        Assert.False(await host.Get<ClientPortal.App.Features.Demo.DemoData>().SeedAsync());
        await using var db = host.NewDb();
        Assert.Equal(200, await db.Contacts.CountAsync());
        Assert.Equal(3, await db.Products.CountAsync(p => p.Kind == ProductKind.Course));
        Assert.Equal(2, await db.Offers.CountAsync());
        Assert.True(await db.Lessons.CountAsync() >= 27);
        Assert.True(await db.Contacts.CountAsync(c => c.PortalStatus == PortalStatus.Invited) > 0);
        Assert.True(await db.Contacts.CountAsync(c => c.PortalStatus == PortalStatus.Active) > 0);
        Assert.True(await db.Grants.CountAsync() > 100);
    }

    [Fact]
    public async Task The_demo_dashboard_tells_a_story_whose_numbers_agree()
    {
        await using var host = await DomainHost.StartAsync(seedDemo: true);
        var data = await host.Get<ClientPortal.App.Features.Dashboard.PortalStats>().DashboardAsync();

        // Logins spread over the month, a full feed of recent events.
        Assert.True(data.LoginsPerDay.Count(d => d.Count > 0) >= 15,
            string.Join(",", data.LoginsPerDay.Select(d => d.Count)));
        Assert.Equal(15, data.Feed.Count);
        Assert.True(data.Feed.Select(f => f.At).SequenceEqual(data.Feed.Select(f => f.At).OrderDescending()),
            "newest first");

        // The funnel drops off stage by stage, and its first stage is the two cards' people: still invited plus invited
        // and joined.
        var funnel = data.Funnel.Select(f => f.Count).ToList();
        Assert.True(funnel.Zip(funnel.Skip(1)).All(p => p.First >= p.Second) && funnel[0] > funnel[^1],
            string.Join(" > ", funnel));
        Assert.Equal(data.Counts.Invited + data.Counts.Active, data.Funnel.Single(f => f.Name == "Ever invited").Count);
        Assert.Equal(data.Counts.Active, data.Funnel.Single(f => f.Name == "Joined").Count);
    }
}
