using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class SettingsEmailPanel
{
    private EmailInput? email;
    private IReadOnlyCollection<string> emailFromConfig = [];
    private bool emailPasswordUnreadable;
    private Outcome? emailOutcome;
    private IReadOnlyList<string>? testErrors;
    private string? testTo;
    private bool testing;
    private string? testResult;

    protected override async Task LoadAsync()
    {
        var current = await EmailStore.GetAsync();
        emailFromConfig = current.FromConfiguration.ToList();
        emailPasswordUnreadable = current.PasswordUnreadable;
        email = new EmailInput
        {
            Provider = current.IsSmtp ? EmailProviders.Smtp : EmailProviders.Outbox,
            Host = current.Host,
            Port = current.Port,
            EnableTls = current.EnableTls,
            UserName = current.UserName,
            From = current.From,
            FromName = current.FromName,
        };
    }

    private async Task SaveEmailAsync()
    {
        var e = email!;
        var saved = await EmailStore.UpdateAsync(
            new EmailSettingsInput(e.Provider, e.Host, e.Port, e.EnableTls, e.UserName, e.NewPassword, e.From,
                e.FromName), Me);
        emailOutcome = saved;
        if (saved.Succeeded && !string.IsNullOrEmpty(e.NewPassword)) emailPasswordUnreadable = false;
        e.NewPassword = null;
        if (saved.Succeeded) Snackbar.Add("Email settings saved.", Severity.Success);
    }

    private async Task SendTestAsync()
    {
        if (!ContactEmail.IsValid(testTo, out var error))
        {
            testErrors = [error];
            return;
        }
        testErrors = null;
        testing = true;
        testResult = null;
        try
        {
            var id = await Messages.SendSmtpTestAsync(testTo!);
            // The first attempt includes connecting, TLS and signing in to the server, each up to its own timeout.
            var row = await Box.FirstAttemptAsync(id, TimeSpan.FromSeconds(75));
            testResult = row switch
            {
                { Status: MessageStatus.Sent } => $"Delivered: the server accepted the test email to {row.To}.",
                { LastError: { Length: > 0 } reason } =>
                    $"Not delivered: {reason} A test email is not tried again: change the settings and send another.",
                _ => "Queued, not attempted yet: see its status in the Mailbox.",
            };
        }
        finally
        {
            testing = false;
        }
    }

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
}
