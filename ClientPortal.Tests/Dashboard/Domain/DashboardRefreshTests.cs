using ClientPortal.App.Features.Dashboard;
using ClientPortal.Domain.Events;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Dashboard.Domain;

/// <summary>Open dashboards refresh for what they show (counts, funnel, sign-ins, feed) and for nothing else.</summary>
public class DashboardRefreshTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    public static TheoryData<IDomainEvent, bool> Events => new()
    {
        { new ContactCreated(1, Now), true },
        { new InviteSent(1, Now), true },
        { new PortalJoined(1, Now), true },
        { new LessonStarted(1, 2, 3, 4, Now), true },
        { new Audited(AuditActions.GrantAdd, 1, "Starter", null, Seed.Admin, Now), true },
        { new Audited(AuditActions.LoginPasskey, 1, null, null, Seed.Admin, Now), true },
        { new ClientPortal.Infrastructure.Events.EventsMissed(Now), true },
        { new MessageQueued(1, 1, "invite", Now), false },
        { new MagicLinkIssued(1, 1, "Invite", Now), false },
        { new LessonCompleted(1, 2, 3, 4, Now), false },
        { new BulkJobProgressed(Guid.Empty, 10, 1, 0, 0, false, Now), false },
        { new Audited(AuditActions.ProductUpdate, null, "Course", null, Seed.Admin, Now), false },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Only_what_a_dashboard_shows_refreshes_it(IDomainEvent e, bool shows) => Assert.Equal(shows, PortalStats.Shows(e));
}
