using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Components;

public class DashboardComponentTests : PortalComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_dashboard_shows_the_counts_and_follows_a_new_snapshot_without_a_reload()
    {
        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=active-count]").TextContent), Patience);

        // A learner enters by link elsewhere: the hub pushes a new snapshot and the open dashboard follows it.
        var contact = (await Get<ContactDirectory>().CreateAsync(new ContactInput("new.learner@example.com", "Nia", null, null), Seed.Admin)).Value!;
        var link = (await Get<MagicLinkService>().IssueAsync(
            new LinkRequest(contact.Id, null, MagicLinkPurpose.AdminGenerated, "home", LinkUsePolicy.SingleUse), Seed.Admin)).Value!;
        Assert.True((await Get<MagicLinkService>().RedeemAsync(link.Url.Split("/l/")[1], "a-browser", Seed.Admin)).Succeeded);
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=active-count]").TextContent), Patience);
        cut.WaitForAssertion(() => Assert.Contains("new.learner@example.com", cut.Find("[data-testid=feed]").TextContent), Patience);
    }

    [Fact]
    public async Task The_invite_dialog_refuses_a_bad_address_next_to_the_field_then_invites_and_says_so_in_words()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=open-invite]"), Patience);
        await cut.Find("[data-testid=open-invite]").ClickAsync(new());

        dialogs.WaitForAssertion(() => dialogs.Find("#invite-emails"), Patience);
        await dialogs.Find("#invite-emails").InputAsync(new() { Value = "ada@example.com, not-an-address" });
        dialogs.WaitForAssertion(() => Assert.Contains("Not a valid email address: not-an-address", dialogs.Markup), Patience);
        Assert.True(dialogs.Find("[data-testid=send-invite]").HasAttribute("disabled"));

        await dialogs.Find("#invite-emails").InputAsync(new() { Value = "ada@example.com\nADA@example.com" });
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=send-invite]").HasAttribute("disabled")), Patience);
        await dialogs.Find("[data-testid=send-invite]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("1 invite on its way; 1 new contact.", dialogs.Find("[data-testid=invite-result]").TextContent), Patience);
        Assert.NotNull(await Get<ContactDirectory>().FindByEmailAsync("ada@example.com"));
    }
}
