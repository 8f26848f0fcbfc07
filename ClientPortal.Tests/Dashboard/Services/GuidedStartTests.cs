using ClientPortal.App.Features.Dashboard;
using ClientPortal.App.Features.Messaging;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Settings;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Dashboard.Services;

/// <summary>The guided start ticks each step from what the portal holds, and stays hidden once hidden.</summary>
public class GuidedStartTests
{
    /// <summary>The steps done, as "10100".</summary>
    private static async Task<string> DoneAsync(DomainHost host) => string.Concat(
        (await host.Get<GuidedStart>().ForAsync(Seed.Admin)).Steps.Select(s => s.Done ? '1' : '0'));

    private static Task InviteAsync(DomainHost host, long contact) => host.Get<PortalMessages>().QueueLoginLinksAsync(
        [contact], DefaultTemplates.Invite, MagicLinkPurpose.Invite, null, Seed.Admin, id => $"invite:{id}",
        c => c.Invite(Seed.Admin, host.Clock.GetUtcNow().UtcDateTime, null));

    [Fact]
    public async Task Each_step_ticks_itself_as_the_portal_gets_what_it_asks_for()
    {
        await using var host = await DomainHost.StartAsync();
        Assert.Equal("00000", await DoneAsync(host));

        var settings = await host.Get<PortalSettingsStore>().GetAsync();
        Assert.True((await host.Get<PortalSettingsStore>().UpdateAsync(new SettingsInput("Watercolour Studio",
            null, settings.BrandColor, null, null, settings.SelfRequestedLinkMinutes, settings.InviteLinkMinutes,
            settings.LoginEmailLinkMinutes, settings.AdminLinkMinutes, settings.WorkflowLinkMinutes,
            settings.DefaultLinkPolicy), Seed.Admin with { Role = Roles.Owner }))
            .Succeeded);
        Assert.Equal("10000", await DoneAsync(host));

        var product = await Seed.ProductAsync(host, "Watercolour Basics");
        Assert.Equal("11000", await DoneAsync(host));
        await Seed.OfferAsync(host, "Starter", product);
        Assert.Equal("11100", await DoneAsync(host));

        // Yourself: a contact of your own address who has entered the portal (inviting yourself does not count as
        // inviting learners).
        var me = await Seed.ContactAsync(host, Seed.Admin.Name);
        await InviteAsync(host, me);
        Assert.Equal("11100", await DoneAsync(host));
        await using (var db = host.NewDb())
        {
            (await db.Contacts.SingleAsync(c => c.Id == me)).Enter(host.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        Assert.Equal("11110", await DoneAsync(host));

        await InviteAsync(host, await Seed.ContactAsync(host, "ana@example.com"));
        var list = await host.Get<GuidedStart>().ForAsync(Seed.Admin);
        Assert.True(list.Finished);
        Assert.False(list.Hidden);

        await host.Get<GuidedStart>().HideAsync();
        Assert.True((await host.Get<GuidedStart>().ForAsync(Seed.Admin)).Hidden);
    }
}
