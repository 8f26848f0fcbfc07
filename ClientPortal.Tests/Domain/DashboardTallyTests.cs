using ClientPortal.Domain.Dashboard;
using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Domain;

/// <summary>The trigger-kept tally row must equal the counts it replaces after any mix of writes, whichever path made them.</summary>
public class DashboardTallyTests
{
    [Fact]
    public async Task The_tally_equals_the_counted_contacts_after_random_inserts_updates_soft_and_hard_deletes()
    {
        await using var host = await DomainHost.StartAsync();
        var random = new Random(20261122);
        var ids = new List<long>();
        for (var n = 0; n < 40; n++) ids.Add(await Seed.ContactAsync(host, $"tally{n}@example.com"));
        await AssertTallyMatchesAsync(host);

        DateTime? Maybe(DateTime at) => random.Next(3) == 0 ? null : at;
        for (var round = 0; round < 12; round++)
        {
            var now = host.Clock.GetUtcNow().UtcDateTime;
            await using (var db = host.NewDb())
            {
                foreach (var id in ids.OrderBy(_ => random.Next()).Take(15))
                {
                    var status = (PortalStatus)random.Next(3);
                    // Set-based updates (EF's ExecuteUpdate) and tracked entity saves are both covered.
                    if (random.Next(2) == 0)
                    {
                        DateTime? invited = Maybe(now), entered = Maybe(now), lesson = Maybe(now), deleted = random.Next(5) == 0 ? now : null;
                        await db.Contacts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                            .SetProperty(c => c.PortalStatus, status).SetProperty(c => c.InvitedAt, invited)
                            .SetProperty(c => c.FirstAccessAt, entered).SetProperty(c => c.FirstLessonStartedAt, lesson)
                            .SetProperty(c => c.DeletedAt, deleted));
                    }
                    else if (await db.Contacts.FindAsync(id) is { } contact)
                    {
                        contact.PortalStatus = status;
                        contact.InvitedAt = Maybe(now);
                        contact.FirstAccessAt = Maybe(now);
                        contact.DeletedAt = random.Next(5) == 0 ? now : null;
                        await db.SaveChangesAsync();
                    }
                }
                // A hard delete (erasure) and a raw insert, as a command-line tool might do.
                var erased = ids[random.Next(ids.Count)];
                await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM Contacts WHERE Id = {erased}");
                ids.Remove(erased);
            }
            ids.Add(await Seed.ContactAsync(host, $"tally-late{round}@example.com"));
            await AssertTallyMatchesAsync(host);
        }
    }

    private static async Task AssertTallyMatchesAsync(DomainHost host)
    {
        await using var db = host.NewDb();
        var live = db.Contacts.Where(c => c.DeletedAt == null);
        var expected = new ContactTally
        {
            Id = 1,
            Invited = await live.CountAsync(c => c.PortalStatus == PortalStatus.Invited),
            Active = await live.CountAsync(c => c.PortalStatus == PortalStatus.Active),
            EverInvited = await live.CountAsync(c => c.InvitedAt != null),
            Joined = await live.CountAsync(c => c.InvitedAt != null && c.FirstAccessAt != null),
            FirstLessonStarted = await live.CountAsync(c => c.InvitedAt != null && c.FirstLessonStartedAt != null),
        };
        Assert.Equivalent(expected, await db.ContactTallies.SingleAsync());

        var dashboard = await host.Get<PortalStats>().DashboardAsync();
        Assert.Equal(new StatusCounts(expected.Invited, expected.Active), dashboard.Counts);
        Assert.Equal(expected.Joined, dashboard.Funnel.Single(f => f.Name == "Joined").Count);
    }
}
