using ClientPortal.App.Components;
using ClientPortal.App.Components.Shared;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Settings;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class Settings
{
    private Input? input;
    private Outcome? outcome;
    private string? configuredUrl;

    [Inject] private IConfiguration Configuration { get; set; } = default!;

    private EmailInput? email;
    private IReadOnlyCollection<string> emailFromConfig = [];
    private Outcome? emailOutcome;
    private IReadOnlyList<string>? testErrors;
    private string? testTo;

    private sealed class EmailInput
    {
        public string Provider { get; set; } = "";
        public string? Host { get; set; }
        public int? Port { get; set; }
        public bool EnableTls { get; set; }
        public string? UserName { get; set; }
        public string? NewPassword { get; set; }
        public string? From { get; set; }
        public string? FromName { get; set; }
    }

    private async Task SaveEmailAsync()
    {
        var e = email!;
        var saved = await EmailStore.UpdateAsync(new ClientPortal.Domain.Messaging.EmailSettingsInput(e.Provider, e.Host,
            e.Port, e.EnableTls,
            e.UserName, e.NewPassword, e.From, e.FromName), Me);
        emailOutcome = saved;
        if (saved.Succeeded && !string.IsNullOrEmpty(e.NewPassword)) emailPasswordUnreadable = false;
        e.NewPassword = null;
        if (saved.Succeeded) Snackbar.Add("Email settings saved.", Severity.Success);
    }

    private bool testing;
    private string? testResult;

    private async Task SendTestAsync()
    {
        if (!ClientPortal.Domain.Contacts.ContactEmail.IsValid(testTo, out var error)) { testErrors = [error]; return; }
        testErrors = null;
        testing = true;
        testResult = null;
        var id = await Box.SendTestAsync(testTo!, input!.PortalName, Me);
        // The first attempt includes connecting, TLS and signing in to the server, each up to its own timeout.
        var row = await Box.FirstAttemptAsync(id, TimeSpan.FromSeconds(75));
        testing = false;
        testResult = row switch
        {
            { Status: ClientPortal.Domain.Entities.MessageStatus.Sent } =>
                $"Delivered: the server accepted the test email to {row.To}.",
            { LastError: { Length: > 0 } reason } =>
                $"Not delivered: {reason} The message stays in the Mailbox and is tried again.",
            _ => $"Queued as message #{id}, not attempted yet: see its status in the Mailbox.",
        };
    }

    protected override async Task LoadAsync()
    {
        var s = await Store.GetAsync();
        configuredUrl = Configuration["Portal:PublicBaseUrl"] is { Length: > 0 } url ? url : null;
        input = new Input
        {
            PortalName = s.PortalName, PublicBaseUrl = s.PublicBaseUrl, BrandColor = s.BrandColor, LogoUrl = s.LogoUrl,
                SupportEmail = s.SupportEmail,
            SelfRequestedLinkMinutes = s.SelfRequestedLinkMinutes, InviteLinkMinutes = s.InviteLinkMinutes,
                LoginEmailLinkMinutes = s.LoginEmailLinkMinutes,
            AdminLinkMinutes = s.AdminLinkMinutes, WorkflowLinkMinutes = s.WorkflowLinkMinutes,
                DefaultLinkPolicy = s.DefaultLinkPolicy,
            InviteResendAfterDays = s.InviteResendAfterDays,
            AllowSignUp = s.AllowSignUp,
            TeamStrongSignIn = s.TeamStrongSignInSince is not null,
        };
        var current = await EmailStore.GetAsync();
        emailFromConfig = current.FromConfiguration.ToList();
        emailPasswordUnreadable = current.PasswordUnreadable;
        email = new EmailInput
        {
            Provider = current.IsSmtp ? ClientPortal.Domain.Messaging.EmailProviders.Smtp
                : ClientPortal.Domain.Messaging.EmailProviders.Outbox,
            Host = current.Host, Port = current.Port, EnableTls = current.EnableTls, UserName = current.UserName,
                From = current.From, FromName = current.FromName,
        };
    }

    private bool emailPasswordUnreadable;

    private async Task SaveAsync()
    {
        var i = input!;
        var saved = await Store.UpdateAsync(new SettingsInput(i.PortalName, i.PublicBaseUrl, i.BrandColor, i.LogoUrl,
            i.SupportEmail,
            i.SelfRequestedLinkMinutes, i.InviteLinkMinutes, i.LoginEmailLinkMinutes, i.AdminLinkMinutes,
                i.WorkflowLinkMinutes, i.DefaultLinkPolicy,
            i.InviteResendAfterDays, i.AllowSignUp, i.TeamStrongSignIn), Me);
        outcome = saved;
        if (saved.Succeeded) Snackbar.Add("Settings saved.", Severity.Success);
    }

    private async Task RegenerateAllAsync()
    {
        var outstanding = await LinkQueries.CountOutstandingAsync();
        if (await ConfirmAsync($"This stops {Plural.Of(outstanding, "outstanding link")} working, right now. Continue?",
            "Revoke all magic links",
                "Revoke all") != true) return;
        var outcome = await Links.RegenerateAllAsync(Me);
        Report(outcome,
            $"Done: {Plural.Of(outcome.Value, "link")} no longer {(outcome.Value == 1 ? "works" : "work")}.");
    }

    private sealed class Input
    {
        public string PortalName { get; set; } = "";
        public string? PublicBaseUrl { get; set; }
        public string BrandColor { get; set; } = "";
        public string? LogoUrl { get; set; }
        public string? SupportEmail { get; set; }
        public int SelfRequestedLinkMinutes { get; set; }
        public int InviteLinkMinutes { get; set; }
        public int LoginEmailLinkMinutes { get; set; }
        public int AdminLinkMinutes { get; set; }
        public int WorkflowLinkMinutes { get; set; }
        public LinkUsePolicy DefaultLinkPolicy { get; set; }
        public int? InviteResendAfterDays { get; set; }
        public bool AllowSignUp { get; set; }
        public bool TeamStrongSignIn { get; set; }
    }
}
