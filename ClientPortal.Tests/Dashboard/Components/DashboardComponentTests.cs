using Admin = ClientPortal.App.Components.Admin;
using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace ClientPortal.Tests.Dashboard.Components;

public class DashboardComponentTests : PortalComponentTest
{
    [Fact]
    public async Task The_dashboard_follows_a_new_snapshot_without_a_reload()
    {
        var cut = Render<Admin.Dashboard>();
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=active-count]").TextContent), Patience);

        // A learner enters by link elsewhere: the hub pushes a new snapshot and the open dashboard follows it.
        var contact = (await Get<ContactDirectory>()
            .CreateAsync(new ContactDetails("new.learner@example.com", "Nia", null, null), Seed.Admin)).Value!;
        var link = (await Get<MagicLinkIssuing>().IssueAsync(
            new LinkRequest(contact.Id, null, MagicLinkPurpose.AdminGenerated, "home", LinkUsePolicy.SingleUse),
                Seed.Admin)).Value!;
        Assert.True((await Get<MagicLinkRedemption>().RedeemAsync(link.Url.Split("/l/")[1], "a-browser", Seed.Admin))
            .Succeeded);
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=active-count]").TextContent), Patience);
        cut.WaitForAssertion(() =>
            Assert.Contains("new.learner@example.com", cut.Find("[data-testid=feed]").TextContent), Patience);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> InviteDialogAsync()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Admin.Dashboard>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=open-invite]"), Patience);
        await cut.Find("[data-testid=open-invite]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("#invite-emails"), Patience);
        return dialogs;
    }

    [Fact]
    public async Task The_invite_dialog_names_a_bad_address_beside_the_field_with_send_disabled()
    {
        var dialogs = await InviteDialogAsync();
        await dialogs.Find("#invite-emails").InputAsync(new() { Value = "ada@example.com, not-an-address" });
        dialogs.WaitForAssertion(() => Assert.Contains("Not a valid email address: not-an-address", dialogs.Markup),
            Patience);
        Assert.True(dialogs.Find("[data-testid=send-invite]").HasAttribute("disabled"));
        Assert.Null(await Get<ContactDirectory>().FindByEmailAsync("ada@example.com"));
    }

    [Fact]
    public async Task The_invite_dialog_invites_each_address_once_saying_so_in_words()
    {
        var dialogs = await InviteDialogAsync();
        await dialogs.Find("#invite-emails").InputAsync(new() { Value = "ada@example.com\nADA@example.com" });
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=send-invite]").HasAttribute("disabled")),
            Patience);
        await dialogs.Find("[data-testid=send-invite]").ClickAsync(new());
        dialogs.WaitForAssertion(() =>
            Assert.Contains("1 invite on its way; 1 new contact.", dialogs.Find("[data-testid=invite-result]")
            .Words()), Patience);
        Assert.NotNull(await Get<ContactDirectory>().FindByEmailAsync("ada@example.com"));
    }

    [Fact]
    public async Task Generate_magic_link_issues_a_link_to_the_chosen_section_with_a_copy_button()
    {
        var contact = (await Get<ContactDirectory>()
            .CreateAsync(new ContactDetails("gen@example.com", "Gen", null, null), Seed.Admin)).Value!;
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        await dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<GenerateLinkDialog>("Generate Magic Link",
            new DialogParameters<GenerateLinkDialog> { { d => d.ContactId, contact.Id } }));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=link-section]"), Patience);
        Assert.DoesNotContain("For the whole portal", dialogs.Markup); // opened for one contact, from their card

        // Choose "Courses", generate: the link opens that section and comes with a copy button.
        await dialogs.Find("[data-testid=link-section]").Closest(".mud-input-control")!.MouseDownAsync(new());
        popovers.WaitForAssertion(() =>
            Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == "Courses"), Patience);
        await popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Courses").ClickAsync(new());
        await dialogs.Find("[data-testid=generate]").ClickAsync(new());
        dialogs.WaitForAssertion(() =>
            Assert.StartsWith("http://localhost:5000/l/", dialogs.Find("[data-testid=generated-url]").TextContent),
            Patience);
        Assert.Contains("Opens Courses", dialogs.Find("[data-testid=generated-link]").TextContent);
        Assert.Contains(dialogs.FindAll("button"), b => b.GetAttribute("aria-label") == "Copy magic link");
        await using (var db =
            Get<IDbContextFactory<PortalDbContext>>()
            .CreateDbContext())
            Assert.Equal("courses", db.MagicLinks.Single(l => l.ContactId == contact.Id).TargetSection);
    }

    [Fact]
    public async Task Generate_magic_link_makes_the_portals_pair_of_links_on_its_own_tab()
    {
        // From the dashboard, a second tab makes the portal's pair: the User link and the Learner link, each with its
        // copy button.
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        await dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<GenerateLinkDialog>("Generate Magic Link"));
        dialogs.WaitForAssertion(() =>
            Assert.Contains(dialogs.FindAll(".mud-tab"), t => t.TextContent.Contains("For the whole portal")),
            Patience);
        await dialogs.FindAll(".mud-tab").Last(t => t.TextContent.Contains("For the whole portal")).ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=make-site-links]"), Patience);
        await dialogs.Find("[data-testid=make-site-links]").ClickAsync(new());
        dialogs.WaitForAssertion(() =>
            Assert.Matches("/team/[A-Za-z0-9_-]{43}$", dialogs.Find("[data-testid=site-user-link]").TextContent),
            Patience);
        Assert.Matches("/learn/[A-Za-z0-9_-]{43}$", dialogs.Find("[data-testid=site-learner-link]").TextContent);
        Assert.Contains(dialogs.FindAll("button"), b => b.GetAttribute("aria-label") == "Copy the Learner link");
        Assert.NotNull(await Get<SiteLinks>().InfoAsync());
    }

    private async Task<IRenderedComponent<MudDialogProvider>> LoginEmailDialogAsync()
    {
        var directory = Get<ContactDirectory>();
        var ids = new List<long>();
        foreach (var email in new[] { "one@example.com", "two@example.com" })
            ids.Add((await directory.CreateAsync(new ContactDetails(email, null, null, null), Seed.Admin)).Value!.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        await dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<LoginEmailDialog>("Send Login Email",
            new DialogParameters<LoginEmailDialog> { { d => d.ContactIds, ids } }));
        dialogs.WaitForAssertion(() =>
            Assert.Contains("2 contacts will receive a login email", dialogs.Find("[data-testid=recipient-count]")
            .Words()), Patience);
        return dialogs;
    }

    [Fact]
    public async Task Send_login_email_refuses_an_empty_audience()
    {
        var dialogs = await LoginEmailDialogAsync();
        // "Holders of an offer" with no offer chosen: nobody, and Send says no.
        await dialogs.FindAll("input[type=radio]")[2].ClickAsync(new());
        dialogs.WaitForAssertion(() =>
            Assert.Contains("0 contacts will receive", dialogs.Find("[data-testid=recipient-count]").Words()),
            Patience);
        Assert.True(dialogs.Find("[data-testid=send-login-emails]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Send_login_email_starts_one_job_for_the_chosen_contacts_showing_its_progress()
    {
        var dialogs = await LoginEmailDialogAsync();
        await dialogs.Find("[data-testid=send-login-emails]").ClickAsync(new());
        dialogs.WaitForAssertion(() =>
            Assert.Contains("of 2 queued", dialogs.Find("[data-testid=bulk-progress]").Words()), Patience);
        Assert.Contains("sending goes on", dialogs.Markup);
    }
}
