using ClientPortal.App.Components.Admin;
using ClientPortal.Domain.Dashboard;

namespace ClientPortal.Tests.Web;

/// <summary>The dashboard's shared HTML: values encoded, one build per snapshot.</summary>
public class DashboardMarkupTests
{
    private static DashboardData Snapshot(string subject) => new(new StatusCounts(3, 2),
        [new("Invited", 4), new("Invite delivered", 3), new("Link opened", 2), new("Joined", 2), new("First lesson started", 1)],
        Enumerable.Range(0, 30).Select(i => new DayCount(new DateTime(2026, 10, 24).AddDays(i), i == 29 ? 3 : 0)).ToList(),
        [new FeedItem(DateTime.UtcNow, "grant.add", subject, "admin", 7)], 1);

    [Fact]
    public void Text_from_data_is_encoded_so_a_name_cannot_inject_markup()
    {
        var parts = DashboardMarkup.For(Snapshot("""<img src=x onerror="alert(1)"> & "Pro" offer"""));

        Assert.DoesNotContain("<img", parts.Feed.Value);
        Assert.Contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;Pro&quot; offer", parts.Feed.Value);
        Assert.Contains("<strong>Granted</strong>", parts.Feed.Value);
    }

    [Fact]
    public void Funnel_shows_counts_and_shares_of_those_invited_and_the_busiest_day_is_found()
    {
        var parts = DashboardMarkup.For(Snapshot("x"));

        Assert.Contains("""<span class="cp-funnel-count">2 · 50%</span>""", parts.Funnel.Value);
        Assert.Contains("""<span class="cp-funnel-count">4</span>""", parts.Funnel.Value);
        Assert.Equal(5, parts.Funnel.Value!.Split("<li").Length - 1);
        Assert.Equal(3, parts.Peak);
    }

    [Fact]
    public void Every_open_dashboard_shares_one_build_of_a_snapshot()
    {
        var snapshot = Snapshot("x");
        Assert.Same(DashboardMarkup.For(snapshot), DashboardMarkup.For(snapshot));
    }
}
