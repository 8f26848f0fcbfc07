using System.Net;
using ClientPortal.App.CommandLine;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Hosting.Browser;

/// <summary>
/// A running portal with its Owner, a stored SMTP password and a queued login email, backed up once for the whole run
/// (with the command, a passphrase on its standard input) and stopped: the server's disk is then lost, and each test
/// restores the file. Shared by the browser test and the process test, whichever starts first.
/// </summary>
public sealed class BackedUpPortal : IAsyncLifetime
{
    public const string Passphrase = "correct horse battery staple";
    public const string SmtpPassword = "the-smtp-password-42";
    private static readonly Lazy<Task<(string File, long MessageId)>> Shared = new(BackUpAsync);
    public string File { get; private set; } = "";
    public long MessageId { get; private set; }

    public async Task InitializeAsync() => (File, MessageId) = await Shared.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<(string, long)> BackUpAsync()
    {
        var backups = new TempDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => backups.Dispose();
        var file = Path.Combine(backups.Path, "portal.backup");
        long messageId = 0;
        await using var portal = await RunningPortal.StartAsync();
        var (code, output) = await portal.RunCommandAsync("create-owner", "--email", AdminBrowser.OwnerEmail,
            "--password", AdminBrowser.OwnerPassword);
        Assert.True(code == 0, output);
        var owner = new Actor("owner", AdminBrowser.OwnerEmail, Roles.Owner);
        await using (var host = await DomainHost.OpenAsync(portal.DataDirectory, new TestClock()))
        {
            // SMTP to a closed port: the messages wait in the outbox, sealed, as on a server whose relay is down.
            var saved = await host.Get<EmailSettingsStore>()
                .UpdateAsync(new EmailSettingsInput(EmailProviders.Smtp, "127.0.0.1", 9, false, "portal",
                SmtpPassword, "portal@example.com", "Portal"), owner);
            Assert.True(saved.Succeeded, saved.ErrorText);
            var contact = await Seed.ContactAsync(host, "learner@example.com", "Lea");
            await host.Get<BulkSends>().StartLoginEmailsAsync([contact], owner);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await host.Get<Mailbox>().SearchAsync(null, null, "learner@", 0, 10)).Items is not [var row, ..]
                || (messageId = row.Id) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The login email was never queued.");
                await Task.Delay(100);
            }
        }
        (code, output) = await portal.RunCommandWithInputAsync(Passphrase, "backup", file);
        Assert.True(code == 0, output);
        Assert.Contains("sealed with your passphrase", output);
        Assert.Equal(1, (await portal.RunCommandWithInputAsync("too short", "backup", file + "2")).ExitCode);
        Assert.Equal(0, await portal.StopAsync(TimeSpan.FromSeconds(30)));
        return (file, messageId);
    }

    /// <summary>The backup restored by the command into a new, empty data folder (checking that a wrong passphrase
    /// writes nothing).</summary>
    public async Task<string> RestoreAsync(TempDirectory into)
    {
        var data = Path.Combine(into.Path, "data");
        async Task<(int Code, string Out)> Restore(string passphrase)
        {
            var output = new StringWriter();
            var code = await AdminCommands.RunAsync(["restore", File, $"--Portal:DataDirectory={data}"], output, output,
                new StringReader(passphrase));
            return (code, output.ToString());
        }
        var wrong = await Restore("not the passphrase at all");
        Assert.Equal(1, wrong.Code);
        Assert.Contains("passphrase does not open", wrong.Out);
        Assert.False(System.IO.File.Exists(Path.Combine(data, "portal.db")), "A wrong passphrase restores nothing.");
        var restored = await Restore(Passphrase);
        Assert.True(restored.Code == 0, restored.Out);
        Assert.Equal(1, (await Restore(Passphrase)).Code); // only into an empty folder
        return data;
    }

}

/// <summary>A backup restores: database and keys in one file, into an empty data folder, and a portal that reads what
/// it sealed.</summary>
[Trait("Provider", "Sqlite")] // the data folder's own files
public class BackupRestoreProcessTests(BackedUpPortal backup) : IClassFixture<BackedUpPortal>
{
    [Fact]
    public async Task
        A_portal_backed_up_lost_and_restored_signs_its_owner_in_opens_old_messages_and_keeps_its_smtp_password()
    {
        using var dir = new TempDirectory();
        var data = await backup.RestoreAsync(dir);
        await using var portal = await RunningPortal.StartAsync(new Dictionary<string,
            string> { ["Portal__DataDirectory"] = data });

        // The Owner signs in with her password.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true,
            CookieContainer = new CookieContainer() })
            { BaseAddress = new Uri(portal.BaseUrl) };
        var signIn = await Forms.SubmitAsync(client, "/account/login", "team-login",
            new Dictionary<string,
                string> { ["Input.Email"] = AdminBrowser.OwnerEmail, ["Input.Password"] = AdminBrowser.OwnerPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.EndsWith("/admin", signIn.Headers.Location?.OriginalString);

        // What was sealed before the loss opens: the queued email and the SMTP password.
        await using var host = await DomainHost.OpenAsync(data, new TestClock());
        var opened = await host.Get<Mailbox>().GetAsync(backup.MessageId);
        Assert.Matches(@"/l/[A-Za-z0-9_-]{43}", opened!.Text);
        var settings = await host.Get<EmailSettingsStore>().GetAsync();
        Assert.Equal(BackedUpPortal.SmtpPassword, settings.Password);
        Assert.False(settings.PasswordUnreadable);
    }
}

/// <summary>A database restored without its keys, in Chromium: what the lost keys sealed reads as words, not a dead
/// page.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Provider", "Sqlite")] // the data folder's own files
public class BackupRestoreBrowserTests(BrowserFixture browser, BackedUpPortal backup) : BrowserTest(browser),
    IClassFixture<BackedUpPortal>
{
    [Fact]
    public async Task A_database_restored_without_its_keys_shows_messages_it_cannot_read_in_words_not_a_dead_page()
    {
        using var dir = new TempDirectory();
        var data = await backup.RestoreAsync(dir);
        Directory.Delete(Path.Combine(data, "keys"), recursive: true); // the database alone
        await using var portal = await RunningPortal.StartAsync(new Dictionary<string,
            string> { ["Portal__DataDirectory"] = data });

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
