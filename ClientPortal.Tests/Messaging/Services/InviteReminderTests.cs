using ClientPortal.App.Features.Learners;
using ClientPortal.App.Features.Messaging;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Settings;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Messaging.Services;

public class InviteReminderTests
{
    [Fact]
    public async Task Contacts_still_invited_after_n_days_get_the_invite_once_more_and_only_once()
    {
        await using var host = await DomainHost.StartAsync();
        var stillInvited = await Seed.ContactAsync(host, "waiting@example.com");
        var joined = await Seed.ContactAsync(host, "joined@example.com");
        var sends = host.Get<BulkSends>();
        var runner = host.Get<BulkSendRunner>();
        await sends.StartInviteAsync([stillInvited, joined], null, Seed.Admin);
        while (await runner.RunNextChunkAsync(CancellationToken.None)) { }
        await host.Get<PortalEntry>().RecordAsync(joined, "link", Actor.System());

        var reminders = host.Get<InviteReminders>();
        Assert.Equal(0, await reminders.RunAsync()); // off by default

        var s = await host.Get<PortalSettingsStore>().GetAsync();
        var owner = Seed.Admin with { Role = Roles.Owner };
        Assert.True((await host.Get<PortalSettingsStore>()
            .UpdateAsync(new SettingsInput(s.PortalName, null, s.BrandColor, null, null,
            s.SelfRequestedLinkMinutes, s.InviteLinkMinutes, s.LoginEmailLinkMinutes, s.AdminLinkMinutes,
                s.WorkflowLinkMinutes,
            s.DefaultLinkPolicy, InviteResendAfterDays: 3), owner)).Succeeded);

        Assert.Equal(0, await reminders.RunAsync()); // not yet three days
        host.Clock.Advance(TimeSpan.FromDays(3.1));
        Assert.Equal(1, await reminders.RunAsync());
        Assert.Equal(0, await reminders.RunAsync()); // once only
        while (await runner.RunNextChunkAsync(CancellationToken.None)) { }

        await using var db = host.NewDb();
        var invites = await db.Outbox.Where(m => m.Kind == DefaultTemplates.Invite).GroupBy(m => m.To)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(2, invites["waiting@example.com"]);
        Assert.Equal(1, invites["joined@example.com"]);
    }
}
