using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Dashboard;

namespace ClientPortal.Tests.Dashboard.Components;

/// <summary>The dashboard's funnel and feed: Razor, so every value from data is encoded.</summary>
public class DashboardPartsComponentTests : BunitContext
{
    private IRenderedComponent<DashboardFeed> Feed() => Render<DashboardFeed>(p => p.Add(c => c.Items,
        [new FeedItem(DateTime.UtcNow.AddMinutes(-3), "grant.add", """<img src=x onerror="alert(1)"> & "Pro" offer""",
            "admin", 7)]));

    [Fact]
    public void A_feed_item_cannot_inject_markup()
    {
        var cut = Feed();
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("""<img src=x onerror="alert(1)"> & "Pro" offer""", cut.Find("[data-testid=feed] li")
            .TextContent);
    }

    [Fact]
    public void A_feed_item_reads_in_words_with_its_age()
    {
        var item = Feed().Find("[data-testid=feed] li");
        Assert.Equal("Granted", item.QuerySelector("strong")!.TextContent);
        Assert.Contains("3 min ago", item.TextContent);
        Assert.NotNull(item.QuerySelector("time[title]")); // the exact time on hover
    }

    [Fact]
    public void The_funnel_shows_counts_and_shares_of_its_first_stage()
    {
        var cut = Render<DashboardFunnel>(p => p.Add(c => c.Stages,
            [new("Ever invited", 4), new("Invite delivered", 3), new("Link opened", 2), new("Joined", 2),
                new("First lesson started", 1)]));

        var counts = cut.FindAll(".cp-funnel-count").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["4", "3 · 75%", "2 · 50%", "2 · 50%", "1 · 25%"], counts);
        Assert.Equal("width: 50%", cut.FindAll(".cp-funnel-bar span")[2].GetAttribute("style"));
    }
}
