using ClientPortal.App.Features.Dashboard;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Dashboard.Services;

/// <summary>
/// The dashboard's maintained counts (tally row kept by triggers + contacts newer than its last fold) must equal the
/// plain COUNTs they replace after any mix of writes, whichever path made them, folded or not.
/// </summary>
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
                        DateTime? invited = Maybe(now), entered = Maybe(now), lesson = Maybe(now),
                            deleted = random.Next(5) == 0 ? now : null;
                        await AllContacts(db).Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                            .SetProperty(c => c.PortalStatus, status).SetProperty(c => c.InvitedAt, invited)
                            .SetProperty(c => c.FirstAccessAt, entered).SetProperty(c => c.FirstLessonStartedAt, lesson)
                            .SetProperty(c => c.DeletedAt, deleted));
                    }
                    else if (await AllContacts(db).FirstOrDefaultAsync(c => c.Id == id) is { } contact)
                    {
                        // Any shape of row, through the change tracker, as a tool writing the table might leave it.
                        var row = db.Entry(contact);
                        row.Property(c => c.PortalStatus).CurrentValue = status;
                        row.Property(c => c.InvitedAt).CurrentValue = Maybe(now);
                        row.Property(c => c.FirstAccessAt).CurrentValue = Maybe(now);
                        row.Property(c => c.DeletedAt).CurrentValue = random.Next(5) == 0 ? now : null;
                        await db.SaveChangesAsync();
                    }
                }
                // A hard delete (erasure), and a contact inserted already counted, as a command-line tool might do.
                var erased = ids[random.Next(ids.Count)];
                await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "Contacts" WHERE "Id" = {erased}""");
                ids.Remove(erased);
                var email = $"raw{round}@example.com";
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "Contacts"
                        ("Email", "NormalizedEmail", "CreatedAt", "PortalStatus", "InvitedAt", "FirstAccessAt")
                    VALUES ({email}, {email}, {now}, 2, {now}, {now})
                    """);
                ids.Add(await db.Contacts.Where(c => c.NormalizedEmail == email).Select(c => c.Id).SingleAsync());
            }
            ids.Add(await Seed.ContactAsync(host, $"tally-late{round}@example.com"));
            await AssertTallyMatchesAsync(host);
            // Folding the newer contacts into the row changes nothing that is counted.
            if (random.Next(2) == 0)
            {
                await host.Get<PortalStats>().FoldAsync();
                await AssertTallyMatchesAsync(host);
            }
        }
    }

    // Deleted contacts too: the writes below may undo a delete, as a command-line tool might.
    private static IQueryable<Contact> AllContacts(PortalDbContext db) =>
        db.Contacts.IgnoreQueryFilters([PortalDbContext.SoftDelete]);

    private static async Task AssertTallyMatchesAsync(DomainHost host)
    {
        await using var db = host.NewDb();
        // Plain counts written out here, so a wrong definition in ContactCounts fails too.
        var live = AllContacts(db).Where(c => c.DeletedAt == null);
        var expected = new
        {
            Invited = await live.CountAsync(c => c.PortalStatus == PortalStatus.Invited),
            Active = await live.CountAsync(c => c.PortalStatus == PortalStatus.Active),
            EverInvited = await live.CountAsync(c => c.InvitedAt != null),
            Joined = await live.CountAsync(c => c.InvitedAt != null && c.FirstAccessAt != null),
            FirstLessonStarted = await live.CountAsync(c => c.InvitedAt != null && c.FirstLessonStartedAt != null),
        };
        Assert.Equivalent(expected, new
        {
            Invited = await db.Contacts.CountAsync(ContactCounts.Invited),
            Active = await db.Contacts.CountAsync(ContactCounts.Active),
            EverInvited = await db.Contacts.CountAsync(ContactCounts.EverInvited),
            Joined = await db.Contacts.CountAsync(ContactCounts.Joined),
            FirstLessonStarted = await db.Contacts.CountAsync(ContactCounts.FirstLessonStarted),
        });
        var dashboard = await host.Get<PortalStats>().DashboardAsync();
        var funnel = dashboard.Funnel.ToDictionary(f => f.Name, f => f.Count);
        Assert.Equivalent(expected, new
        {
            dashboard.Counts.Invited,
            dashboard.Counts.Active,
            EverInvited = funnel["Ever invited"],
            Joined = funnel["Joined"],
            FirstLessonStarted = funnel["First lesson started"],
        });
        Assert.Equal(dashboard.Counts, await host.Get<PortalStats>().CountsAsync());
    }

    [Fact]
    public async Task Many_new_contacts_are_folded_into_the_row_on_read()
    {
        await using var host = await DomainHost.StartAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using (var db = host.NewDb())
            for (var n = 0; n < PortalStats.FoldAfter + 10; n++)
            {
                var email = $"bulk{n}@example.com";
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""
                    INSERT INTO "Contacts" ("Email", "NormalizedEmail", "CreatedAt", "PortalStatus", "InvitedAt")
                    VALUES ({email}, {email}, {now}, 1, {now})
                    """);
            }

        var counts = await host.Get<PortalStats>().CountsAsync();

        Assert.Equal(PortalStats.FoldAfter + 10, counts.Invited);
        await using var check = host.NewDb();
        var row = await check.ContactTallies.SingleAsync();
        Assert.Equal(PortalStats.FoldAfter + 10, row.Invited);
        Assert.Equal(await check.Contacts.MaxAsync(c => c.Id), row.CountedThroughId);
    }

    [Fact]
    public async Task The_dashboard_counts_passkey_sign_ins_among_the_logins_and_in_the_feed()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "pat@example.com");
        var entry = host.Get<ClientPortal.App.Features.Learners.PortalEntry>();
        await entry.RecordAsync(contact, "link", Seed.Admin);
        await entry.RecordAsync(contact, "passkey", Seed.Admin);
        await entry.RecordAsync(contact, "passkey", Seed.Admin);

        var dashboard = await host.Get<PortalStats>().DashboardAsync();
        Assert.Equal(2, dashboard.PasskeySignIns);
        Assert.Equal(3, dashboard.LoginsPerDay.Sum(d => d.Count));
        Assert.Equal(2, dashboard.Feed.Count(f => f.Action == "login.passkey"));
    }
}
