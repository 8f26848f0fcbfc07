using System.Net;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

/// <summary>A backup restores: database and keys in one file, into an empty data folder, and a portal that reads what it sealed.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")] // the data folder's own files
public class BackupRestoreTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Passphrase = "correct horse battery staple";
    private const string SmtpPassword = "the-smtp-password-42";
    private static readonly Actor Owner = new("owner", AdminBrowser.OwnerEmail, Roles.Owner);

    /// <summary>A portal with its Owner, a stored SMTP password and a queued login email; the message's id.</summary>
    private static async Task<long> FillAsync(RunningPortal portal)
    {
        var (code, output) = await portal.RunCommandAsync("create-owner", "--email", AdminBrowser.OwnerEmail, "--password", AdminBrowser.OwnerPassword);
        Assert.True(code == 0, output);
        await using var host = await DomainHost.OpenAsync(portal.DataDirectory, new TestClock());
        // SMTP to a closed port: the messages wait in the outbox, sealed, as on a server whose relay is down.
        var saved = await host.Get<EmailSettingsStore>().UpdateAsync(new EmailSettingsInput(EmailProviders.Smtp, "127.0.0.1", 9, false, "portal",
            SmtpPassword, "portal@example.com", "Portal"), Owner);
        Assert.True(saved.Succeeded, saved.ErrorText);
        var contact = await Seed.ContactAsync(host, "learner@example.com", "Lea");
        await host.Get<BulkSends>().StartLoginEmailsAsync([contact], Owner);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if ((await host.Get<Mailbox>().SearchAsync(null, null, "learner@", 0, 10)).Items is [var row, ..]) return row.Id;
            Assert.True(DateTime.UtcNow < deadline, "The login email was never queued.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> BackupAsync(RunningPortal portal, TempDirectory into)
    {
        var file = Path.Combine(into.Path, "portal.backup");
        var (code, output) = await portal.RunCommandWithInputAsync(Passphrase, "backup", file);
        Assert.True(code == 0, output);
        Assert.Contains("sealed with your passphrase", output);
        Assert.Equal(1, (await portal.RunCommandWithInputAsync("too short", "backup", file + "2")).ExitCode);
        return file;
    }

    /// <summary>The server's disk lost: the data folder gone, then the backup restored into a new empty one.</summary>
    private static async Task LoseAndRestoreAsync(RunningPortal portal, string file)
    {
        Assert.Equal(0, await portal.StopAsync(TimeSpan.FromSeconds(30)));
        Directory.Delete(portal.DataDirectory, recursive: true);
        var wrong = await portal.RunCommandWithInputAsync("not the passphrase at all", "restore", file);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("passphrase does not open", wrong.Output);
        Assert.False(File.Exists(Path.Combine(portal.DataDirectory, "portal.db")), "A wrong passphrase restores nothing.");
        var (code, output) = await portal.RunCommandWithInputAsync(Passphrase, "restore", file);
        Assert.True(code == 0, output);
        Assert.Equal(1, (await portal.RunCommandWithInputAsync(Passphrase, "restore", file)).ExitCode); // only into an empty folder
    }

    [Fact]
    public async Task A_portal_backed_up_lost_and_restored_signs_its_owner_in_opens_old_messages_and_keeps_its_smtp_password()
    {
        await using var portal = await RunningPortal.StartAsync();
        var message = await FillAsync(portal);
        using var backups = new TempDirectory();
        var file = await BackupAsync(portal, backups);
        await LoseAndRestoreAsync(portal, file);
        await portal.StartAgainAsync();

        // The Owner signs in with her password.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            { BaseAddress = new Uri(portal.BaseUrl) };
        var signIn = await Forms.SubmitAsync(client, "/account/login", "team-login",
            new Dictionary<string, string> { ["Input.Email"] = AdminBrowser.OwnerEmail, ["Input.Password"] = AdminBrowser.OwnerPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.EndsWith("/admin", signIn.Headers.Location?.OriginalString);

        // What was sealed before the loss opens: the queued email and the SMTP password.
        await using var host = await DomainHost.OpenAsync(portal.DataDirectory, new TestClock());
        var opened = await host.Get<Mailbox>().GetAsync(message);
        Assert.Matches(@"/l/[A-Za-z0-9_-]{43}", opened!.Text);
        var settings = await host.Get<EmailSettingsStore>().GetAsync();
        Assert.Equal(SmtpPassword, settings.Password);
        Assert.False(settings.PasswordUnreadable);
    }

    [Fact]
    public async Task A_database_restored_without_its_keys_shows_messages_it_cannot_read_in_words_not_a_dead_page()
    {
        await using var portal = await RunningPortal.StartAsync();
        await FillAsync(portal);
        using var backups = new TempDirectory();
        var file = await BackupAsync(portal, backups);
        await LoseAndRestoreAsync(portal, file);
        Directory.Delete(Path.Combine(portal.DataDirectory, "keys"), recursive: true); // the database alone
        await portal.StartAgainAsync();

        var page = await AdminBrowser.SignInAsync(Chromium, portal);
        await page.GotoAsync(portal.BaseUrl + "/admin/mailbox");
        await Expect(page.GetByTestId("mailbox-grid")).ToContainTextAsync("learner@example.com");
        await page.GetByTestId("mailbox-grid").GetByRole(AriaRole.Button).First.ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Plain text" }).ClickAsync();
        await Expect(page.GetByTestId("message-text")).ToContainTextAsync("can't be read with this portal's keys");
        // The rest reads as before; the stored SMTP password asks to be entered again.
        await page.GotoAsync(portal.BaseUrl + "/admin/settings");
        await Expect(page.GetByTestId("smtp-password-unreadable")).ToContainTextAsync("Enter it again");
    }
}
