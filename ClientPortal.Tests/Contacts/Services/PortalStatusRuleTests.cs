using ClientPortal.App.Features.Learners;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Contacts.Services;

/// <summary>A contact's portal status moves None → Invited → Active; the rules live on the entity, and the sign-in
/// write's one-statement form of "entered the portal" must give the same answers.</summary>
public class PortalStatusRuleTests
{
    private static readonly DateTime Earlier = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private static Contact Shaped(PortalStatus status, string email = "a@example.com")
    {
        var contact = Contact.Create(new ContactDetails(email, null, null, null, []), Earlier);
        if (status >= PortalStatus.Invited) contact.Invite(Seed.Admin, Earlier, null);
        if (status == PortalStatus.Active) contact.Enter(Earlier);
        contact.ClearDomainEvents();
        return contact;
    }

    [Fact]
    public void An_invite_marks_a_contact_without_access_invited_and_leaves_an_active_one_active()
    {
        var fresh = Shaped(PortalStatus.None);
        fresh.Invite(Seed.Admin, Now, null);
        Assert.Equal((PortalStatus.Invited, Now), (fresh.PortalStatus, fresh.InvitedAt));
        Assert.Equal("invite.send",
            AuditTrail.RowOf(Assert.IsType<InviteSent>(Assert.Single(fresh.DomainEvents)))!.Action);

        var active = Shaped(PortalStatus.Active);
        active.Invite(Seed.Admin, Now, null);
        Assert.Equal(PortalStatus.Active, active.PortalStatus);
    }

    [Theory]
    [InlineData(PortalStatus.None, true)]
    [InlineData(PortalStatus.Invited, true)]
    [InlineData(PortalStatus.Active, false)]
    public void The_first_entry_makes_a_contact_active_and_every_entry_sets_the_last_access(PortalStatus before,
        bool first)
    {
        var contact = Shaped(before);
        Assert.Equal(first, contact.Enter(Now));
        Assert.Equal(PortalStatus.Active, contact.PortalStatus);
        Assert.Equal(first ? Now : Earlier, contact.FirstAccessAt);
        Assert.Equal(Now, contact.LastAccessAt);
    }

    [Fact]
    public async Task The_sign_in_write_and_the_entity_agree_on_every_status()
    {
        await using var host = await DomainHost.StartAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        foreach (var before in Enum.GetValues<PortalStatus>())
        {
            long id;
            await using (var db = host.NewDb())
            {
                var row = Shaped(before, $"{before}@example.com".ToLowerInvariant());
                db.Contacts.Add(row);
                await db.SaveChangesAsync();
                id = row.Id;
            }
            var firstBySql = await host.Get<PortalEntry>().RecordAsync(id, "link", Seed.Admin);

            var expected = Shaped(before);
            var firstByEntity = expected.Enter(now);
            await using var check = host.NewDb();
            var stored = await check.Contacts.AsNoTracking().SingleAsync(c => c.Id == id);
            Assert.Equal((firstByEntity, expected.PortalStatus, expected.FirstAccessAt, expected.LastAccessAt),
                (firstBySql, stored.PortalStatus, stored.FirstAccessAt, stored.LastAccessAt));
        }
    }
}
