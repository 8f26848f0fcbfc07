using System.Diagnostics;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Dashboard;
using ClientPortal.App.Features.Learners;
using ClientPortal.App.Realtime;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Dashboard.Web;

public class DashboardBurstTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public DashboardBurstTests(PortalFactory factory) => _factory = factory;

    [Fact]
    public async Task A_thousand_events_coalesce_into_few_refreshes_and_the_numbers_match_the_database()
    {
        var services = _factory.Services;
        var directory = services.GetRequiredService<ContactDirectory>();
        var ids = new List<long>();
        for (var i = 0; i < 500; i++)
            ids.Add((await directory.CreateAsync(new ContactDetails($"burst{i}@example.com", null, null, null),
                Actor.System())).Value!.Id);

        var hub = services.GetRequiredService<DashboardHub>();
        var refreshes = 0;
        var stats = services.GetRequiredService<PortalStats>();
        StatusCounts? seen = null;
        using var listener = hub.Subscribe(snapshot =>
        {
            Interlocked.Increment(ref refreshes);
            seen = snapshot.Counts;
            return Task.CompletedTask;
        });

        // 500 first entries publish 1,000 events (joined + signed in), as fast as the database takes them.
        var entry = services.GetRequiredService<PortalEntry>();
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(id => Task.Run(() => entry.RecordAsync(id, "burst", Actor.System()))));
        var elapsed = sw.Elapsed;
        await Task.Delay(DashboardHub.CoalesceWindow * 3);

        var truth = await stats.CountsAsync();
        Assert.Equal(500, truth.Active);
        Assert.Equal(truth, seen);
        var allowed = (int)(elapsed / DashboardHub.CoalesceWindow) + 3;
        Assert.InRange(refreshes, 1, allowed);
    }
}
