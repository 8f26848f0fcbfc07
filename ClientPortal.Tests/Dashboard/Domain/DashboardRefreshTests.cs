using ClientPortal.App.Features.Dashboard;
using ClientPortal.Domain.Events;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Dashboard.Domain;

/// <summary>Open dashboards refresh for what they show (counts, funnel, sign-ins, feed) and for nothing else.</summary>
public class DashboardRefreshTests
{
    private static readonly DateTime Now = EventSamples.Now;

    public static TheoryData<IDomainEvent, bool> Events => new()
    {
        { new ContactCreated(1, "a@example.com", Seed.Admin, Now), true },
        { new InviteSent(1, Seed.Admin, Now), true },
        { new PortalJoined(1, Now), true },
        { new LessonStarted(1, 2, 3, 4, Now), true },
        { new OfferAccessGranted(1, 2, "Starter", null, Seed.Admin, Now), true },
        { new LearnerSignedIn(1, "passkey", false, Seed.Admin, Now), true },
        { new ClientPortal.Infrastructure.Events.EventsMissed(Now), true },
        { new MessageQueued(1, 1, "invite", Now), false },
        { new MagicLinkIssued(1, 1, ClientPortal.Domain.Entities.MagicLinkPurpose.Invite, "home", "Home", default, Now,
            null,
            Seed.Admin, Now), false },
        { new LessonCompleted(1, 2, 3, 4, Now), false },
        { new BulkJobProgressed(Guid.Empty, 10, 1, 0, 0, false, Now), false },
        { new ProductChanged("Course", CatalogChange.Updated, Seed.Admin, Now), false },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Only_what_a_dashboard_shows_refreshes_it(IDomainEvent e, bool shows) =>
        Assert.Equal(shows, PortalStats.Shows(e));

    [Fact]
    public void Every_event_whose_audit_row_the_feed_shows_refreshes_the_dashboard()
    {
        var missed = EventSamples.All
            .Where(e => AuditTrail.RowOf(e) is { } row
                && (PortalStats.FeedActions.Contains(row.Action) || row.Action.StartsWith("login.")))
            .Where(e => !PortalStats.Shows(e)).ToList();
        Assert.True(missed.Count == 0, $"in the feed but not refreshing it: {string.Join(", ", missed)}");
    }
}
