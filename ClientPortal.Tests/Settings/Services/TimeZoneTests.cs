using ClientPortal.App.Features.Demo;
using ClientPortal.App.Features.Messaging;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Settings;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Settings.Services;

/// <summary>The portal's time zone: chosen from the zones the server knows, and used for the times emails state.
/// </summary>
public class TimeZoneTests
{
    private static SettingsInput With(PortalSettings s, string zone) => new(s.PortalName, null, s.BrandColor, null,
        null, s.SelfRequestedLinkMinutes, s.InviteLinkMinutes, s.LoginEmailLinkMinutes, s.AdminLinkMinutes,
        s.WorkflowLinkMinutes, s.DefaultLinkPolicy, TimeZone: zone);

    private static readonly ClientPortal.Domain.Security.Actor Owner = Seed.Admin with { Role = Roles.Owner };

    [Fact]
    public void Times_read_in_the_zone_with_its_name_where_they_are_read_away_from_the_portal()
    {
        var berlin = PortalTime.Of("Europe/Berlin");
        var at = new DateTime(2026, 12, 14, 8, 15, 0, DateTimeKind.Utc);
        Assert.Equal("Mon 14 Dec, 9:15", berlin.Short(at, at));
        Assert.Equal("Mon 14 Dec 2026, 9:15 (Berlin time)", berlin.Exact(at));
        Assert.Equal("Mon 14 Dec 2026, 8:15 (UTC)", PortalTime.Of(null).Exact(at));
        Assert.Equal("2 days 6 hours", PortalTime.Duration(TimeSpan.FromHours(54)));
    }

    [Fact]
    public async Task An_unknown_zone_is_refused_beside_its_field_and_changes_nothing()
    {
        await using var host = await DomainHost.StartAsync();
        var store = host.Get<PortalSettingsStore>();
        var outcome = await store.UpdateAsync(With(await store.GetAsync(), "Mars/Olympus_Mons"), Owner);
        Assert.Contains(outcome.FieldProblems, p => p.Field == "TimeZone");
        Assert.Equal(PortalTime.DefaultZone, (await store.GetAsync()).TimeZone);
    }

    [Fact]
    public async Task A_login_email_states_its_links_expiry_in_the_portals_zone()
    {
        await using var host = await DomainHost.StartAsync();
        var store = host.Get<PortalSettingsStore>();
        Assert.True((await store.UpdateAsync(With(await store.GetAsync(), "America/New_York"), Owner)).Succeeded);
        var contact = await Seed.ContactAsync(host, "ana@example.com");
        Assert.True((await host.Get<PortalMessages>().SendLoginLinkAsync(contact, DefaultTemplates.LoginEmail,
            MagicLinkPurpose.LoginEmail, null, Seed.Admin, "zone-1")).Succeeded);

        await using var db = host.NewDb();
        var link = await db.MagicLinks.SingleAsync(l => l.ContactId == contact);
        var text = host.Get<MessageProtector>().TryUnprotect((await db.Outbox.SingleAsync()).ProtectedText);
        Assert.Contains($"This link works until {PortalTime.Of("America/New_York").Exact(link.ExpiresAt)}.", text);
        Assert.Contains("(New York time)", text);
    }

    [Fact]
    public async Task Demo_data_never_dates_an_event_after_now()
    {
        await using var host = await DomainHost.StartAsync();
        Assert.True(await host.Get<DemoData>().SeedAsync());
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using var db = host.NewDb();
        var contacts = await db.Contacts.ToListAsync();
        Assert.All(contacts, c => Assert.All(new[] { c.CreatedAt, c.InvitedAt, c.FirstAccessAt, c.LastAccessAt,
            c.FirstLessonStartedAt }.OfType<DateTime>(), at => Assert.True(at <= now, $"{c.Email}: {at:o}")));
        var links = await db.MagicLinks.ToListAsync();
        Assert.All(links, l => Assert.All(new[] { l.CreatedAt, l.DeliveredAt, l.OpenedAt, l.ConsumedAt }
            .OfType<DateTime>(), at => Assert.True(at <= now, $"link {l.Id}: {at:o}")));
        Assert.True(await db.AuditEvents.AllAsync(a => a.At <= now));
        Assert.True(await db.Outbox.AllAsync(m => m.CreatedAt <= now && (m.SentAt == null || m.SentAt <= now)));
    }
}
