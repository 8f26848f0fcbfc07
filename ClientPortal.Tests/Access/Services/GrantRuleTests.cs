using ClientPortal.App.Features.Access;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Access.Services;

/// <summary>"Does this grant give its offer now?" is written once on the entity, in C# and as a query; the database,
/// the access checks and the entity must give the same answers on the same rows.</summary>
public class GrantRuleTests
{
    [Fact]
    public async Task The_entity_rule_the_database_query_and_the_access_checks_agree_on_every_kind_of_grant()
    {
        await using var host = await DomainHost.StartAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var offer = await Seed.OfferAsync(host, "Starter", await Seed.ProductAsync(host, "Course"));
        var cases = new (string Name, DateTime? ExpiresAt, bool Revoke, bool Expected)[]
        {
            ("open-ended", null, false, true),
            ("expiring tomorrow", now.AddDays(1), false, true),
            ("expired", now.AddDays(-1), false, false),
            ("expiring this instant", now, false, false),
            ("revoked", null, true, false),
            ("revoked before it expired", now.AddDays(1), true, false),
        };

        var grants = new List<(string Name, long Id, long ContactId, bool Expected)>();
        foreach (var (name, expiresAt, revoke, expected) in cases)
        {
            var contact = await Seed.ContactAsync(host, $"{grants.Count}@example.com");
            await using var db = host.NewDb();
            var grant = Grant.Give(contact, offer, "Starter", expiresAt, Seed.Admin, now.AddDays(-2), null);
            if (revoke) grant.Revoke("Starter", Seed.Admin, now.AddMinutes(-1), null);
            db.Grants.Add(grant);
            await db.SaveChangesAsync();
            grants.Add((name, grant.Id, contact, expected));
        }

        await using var check = host.NewDb();
        var active = (await check.Grants.Where(Grant.ActiveAt(now)).Select(g => g.Id).ToListAsync()).ToHashSet();
        foreach (var (name, id, contactId, expected) in grants)
        {
            var row = await check.Grants.AsNoTracking().SingleAsync(g => g.Id == id);
            Assert.True(expected == row.IsActiveAt(now), $"{name}: the entity says {row.StateAt(now)}");
            Assert.True(expected == active.Contains(id), $"{name}: the query disagrees");
            Assert.True(expected == (await host.Get<AccessGrants>().ActiveOfferIdsAsync(contactId)).Contains(offer),
                $"{name}: the contact card disagrees");
        }
    }
}
