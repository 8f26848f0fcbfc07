using ClientPortal.App.Features.MagicLinks;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ClientPortal.Tests.MagicLinks.Services;

/// <summary>"Is this link still valid?" is written once on the entity, in C# and as a query; the database and the
/// redemption path must give the same answers on the same rows.</summary>
public class MagicLinkRuleTests
{
    [Fact]
    public async Task The_entity_rule_the_database_query_and_redemption_agree_on_every_kind_of_link()
    {
        await using var host = await DomainHost.StartAsync();
        var links = (Issuing: host.Get<MagicLinkIssuing>(), Redemption: host.Get<MagicLinkRedemption>(),
            Queries: host.Get<MagicLinkQueries>());
        var now = host.Clock.GetUtcNow().UtcDateTime;
        int epoch;
        await using (var db = host.NewDb()) epoch = await db.Settings.Select(s => s.LinkEpoch).SingleAsync();

        // Each case on its own contact: a successful redemption retires the contact's other single-use links.
        var cases = new (string Name, LinkUsePolicy Policy, Action<EntityEntry<MagicLink>> Shape, LinkState Expected)[]
        {
            ("fresh, once", LinkUsePolicy.SingleUse, _ => { }, LinkState.Valid),
            ("fresh, until it expires", LinkUsePolicy.ReusableUntilExpiry, _ => { }, LinkState.Valid),
            ("used, once", LinkUsePolicy.SingleUse, l => l.Entity.Used(now.AddMinutes(-5), null), LinkState.Used),
            ("used, until it expires", LinkUsePolicy.ReusableUntilExpiry, l => l.Entity.Used(now.AddMinutes(-5), null),
                LinkState.Valid),
            ("revoked", LinkUsePolicy.SingleUse, l => l.Entity.Revoke(Seed.Admin, now.AddMinutes(-1)),
                LinkState.Revoked),
            // Rows as the database may hold them: issued under an older epoch, or longer ago than the clock allows.
            ("from before revoke-all", LinkUsePolicy.ReusableUntilExpiry, l => l.Property(x => x.Epoch)
                .CurrentValue = epoch - 1, LinkState.Revoked),
            ("expired", LinkUsePolicy.SingleUse, l => l.Property(x => x.ExpiresAt).CurrentValue = now.AddSeconds(-1),
                LinkState.Expired),
            ("expiring this instant", LinkUsePolicy.SingleUse, l => l.Property(x => x.ExpiresAt).CurrentValue = now,
                LinkState.Expired),
            ("used and expired, until it expires", LinkUsePolicy.ReusableUntilExpiry,
                l => { l.Entity.Used(now.AddHours(-2), null); l.Property(x => x.ExpiresAt)
                    .CurrentValue = now.AddHours(-1); }, LinkState.Expired),
        };

        var issued = new List<(string Name, IssuedLink Link, LinkState Expected)>();
        for (var i = 0; i < cases.Length; i++)
        {
            var contact = await Seed.ContactAsync(host, $"case{i}@example.com", $"Case {i}");
            var link = (await links.Issuing.IssueAsync(new LinkRequest(contact, null, MagicLinkPurpose.AdminGenerated,
                null, cases[i].Policy), Seed.Admin)).Value!;
            await using var db = host.NewDb();
            cases[i].Shape(db.Entry(await db.MagicLinks.SingleAsync(l => l.Id == link.Id)));
            await db.SaveChangesAsync();
            issued.Add((cases[i].Name, link, cases[i].Expected));
        }

        await using (var db = host.NewDb())
        {
            var outstanding = (await db.MagicLinks.Where(MagicLink.OutstandingAt(now, epoch)).Select(l => l.Id)
                .ToListAsync()).ToHashSet();
            foreach (var (name, link, expected) in issued)
            {
                var row = await db.MagicLinks.AsNoTracking().SingleAsync(l => l.Id == link.Id);
                Assert.True(expected == row.StateAt(now, epoch), $"{name}: the entity says {row.StateAt(now, epoch)}");
                Assert.True((expected == LinkState.Valid) == outstanding.Contains(link.Id),
                    $"{name}: the query disagrees");
            }
            Assert.Equal(issued.Count(c => c.Expected == LinkState.Valid), await links.Queries.CountOutstandingAsync());
        }

        // Redemption (its own SQL under the write lock) lets in exactly the valid ones, from a browser that never used
        // them.
        foreach (var (name, link, expected) in issued)
        {
            var redemption = await links.Redemption.RedeemAsync(link.Token, "another-browser", Actor.System("visitor"));
            Assert.True((expected == LinkState.Valid) == redemption.Succeeded,
                $"{name}: redemption says {redemption.State}");
            if (!redemption.Succeeded) Assert.Equal(expected, redemption.State);
        }
    }
}
