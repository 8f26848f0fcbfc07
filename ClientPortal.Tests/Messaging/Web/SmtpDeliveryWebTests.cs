using System.Text.RegularExpressions;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Testing;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Messaging.Web;

public sealed class SmtpPortalFactory(SmtpSink sink, params KeyValuePair<string, string>[] overrides) : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        sink.PortalSettings("hello@portal.example.test").Append(new("Email:FromName", "Portal Team"))
            .Concat(overrides).GroupBy(kv => kv.Key).Select(g => g.Last());
}

/// <summary>Delivery through a real SMTP server (Debian's aiosmtpd), started by the test.</summary>
public class SmtpDeliveryWebTests : IAsyncLifetime
{
    private SmtpSink _sink = default!;
    private SmtpPortalFactory _factory = default!;
    private PortalData _data = default!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSink.StartAsync();
        _factory = new SmtpPortalFactory(_sink);
        _data = new PortalData(_factory.Services);
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task A_login_email_arrives_with_both_parts_and_its_link_signs_the_contact_in()
    {
        var contact = await _data.ContactAsync("smtp.learner@example.com", "Sam");
        var sent = await _data.Get<PortalMessages>()
            .SendLoginLinkAsync(contact, DefaultTemplates.LoginEmail, MagicLinkPurpose.LoginEmail,
            "courses", Actor.System("test"), "smtp-test-1");
        Assert.True(sent.Succeeded);

        var mail = (await _sink.WaitForAsync(1, TimeSpan.FromSeconds(20))).Single();
        Assert.Equal(["smtp.learner@example.com"], mail.RcptTos);
        Assert.Equal("Your sign-in link for Client Portal", mail.Subject);
        Assert.Contains("Portal Team", mail.From);
        Assert.Matches("^<[0-9a-f]{32}@portal.example.test>$", mail.MessageId);
        Assert.Contains("Hi Sam,", mail.Text);
        Assert.Contains("This link works until", mail.Text);
        Assert.Contains("<strong>Client Portal</strong>", mail.Html);
        var link = Regex.Match(mail.Text!, @"https://portal\.example\.test(/l/[A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.Contains($"href=\"https://portal.example.test{link}\"", mail.Html);

        // The message is recorded as sent and its link as delivered.
        await WaitUntilAsync(async db =>
            await db.Outbox.AnyAsync(m => m.IdempotencyKey == "smtp-test-1" && m.Status == MessageStatus.Sent));
        await WaitUntilAsync(async db =>
            await db.MagicLinks.AnyAsync(l => l.ContactId == contact && l.DeliveredAt != null));

        var browser = _factory.NewClient();
        var redeemed = await Forms.ContinueAsync(browser, link);
        Assert.Equal("/courses", Location(redeemed));
        Assert.Equal(PortalStatus.Active, (await _data.Get<ContactDirectory>().GetAsync(contact))!.PortalStatus);
    }

    [Fact]
    public async Task Bulk_invite_reports_invalid_duplicate_and_active_addresses_and_mails_the_rest_once()
    {
        var active = await _data.ContactAsync("already.active@example.com");
        await _data.Get<ClientPortal.App.Features.Learners.PortalEntry>().RecordAsync(active, "test", Actor.System());
        var existing = await _data.ContactAsync("existing@example.com");
        var plan = await _data.Get<BulkSends>().StartInviteAsync([existing, active],
            "new.one@example.com, NEW.ONE@example.com; not-an-email\nexisting@example.com already.active@example.com",
                Seed.Admin);

        Assert.Equal(["not-an-email"], plan.Invalid);
        Assert.Equal(["new.one@example.com"], plan.Created);
        Assert.Equal(["already.active@example.com"], plan.AlreadyActive);
        Assert.Equal(3, plan.DuplicatesCollapsed);
        Assert.Equal(2, plan.Recipients);

        var mails = await _sink.WaitForAsync(2, TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        Assert.Equal(2, _sink.Count);
        Assert.Equal(["existing@example.com", "new.one@example.com"], mails.SelectMany(m => m.RcptTos).Order());
        Assert.All(mails, m => Assert.Equal("You're invited to Client Portal", m.Subject));
        var progress = await _data.Get<BulkSends>().ProgressAsync(plan.JobId!.Value);
        Assert.True(progress!.Completed);
        Assert.Equal(2, progress.Done);
        var invited = await _data.Get<ContactDirectory>().GetAsync(existing);
        Assert.Equal(PortalStatus.Invited, invited!.PortalStatus);
        Assert.NotNull(invited.InvitedAt);
    }

    private async Task WaitUntilAsync(Func<ClientPortal.Infrastructure.Data.PortalDbContext, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using (var db = await _data.Get<IDbContextFactory<ClientPortal.Infrastructure.Data.PortalDbContext>>()
                .CreateDbContextAsync())
                if (await condition(db)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition never held.");
            await Task.Delay(50);
        }
    }
}

/// <summary>MailKit's connection handling against the real server: reuse, reconnect, and refusals shown with their
/// reason.</summary>
public class SmtpConnectionWebTests
{
    private static async Task<long> SendTestAsync(PortalFactory factory, string to) =>
        await factory.Services.GetRequiredService<PortalMessages>().SendSmtpTestAsync(to);

    /// <summary>An ordinary message (any kind but Settings' test email, which is never retried).</summary>
    private static async Task<long> SendMessageAsync(PortalFactory factory, string to) =>
        await factory.Services.GetRequiredService<Outbox>().EnqueueAsync(new EmailDraft("login-email", to, "Hello",
            "<p>Hello</p>", "Hello\n", $"ordinary:{Guid.NewGuid():N}"));

    [Fact]
    public async Task A_connection_the_server_closed_is_reopened_and_every_message_goes_out_on_its_first_attempt()
    {
        // The server closes each connection after two messages; one lane carries all seven in one batch.
        await using var sink = await SmtpSink.StartAsync(maxPerConnection: 2);
        using var factory = new SmtpPortalFactory(sink, new KeyValuePair<string,
            string>("Email:Smtp:Connections", "1"));
        var outbox = factory.Services.GetRequiredService<Outbox>();
        // One commit, so the worker finds all seven in one batch.
        var messages = Enumerable.Range(0, 7)
            .Select(i => outbox.Create(MessageChannel.Email, "test", $"learner{i}@example.com", "Hello",
            "<p>Hello</p>", "Hello\n", $"reconnect-{i}", null, null)).ToList();
        await using (var db = await
            factory.Services.GetRequiredService<IDbContextFactory<ClientPortal.Infrastructure.Data.PortalDbContext>>()
            .CreateDbContextAsync())
        {
            db.Outbox.AddRange(messages);
            await db.SaveChangesAsync();
        }
        outbox.Signal();
        var ids = messages.Select(m => m.Id).ToList();

        var mails = await sink.WaitForAsync(7, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"learner{i}@example.com"), mails.SelectMany(m => m.RcptTos)
            .Order());
        var mailbox = factory.Services.GetRequiredService<Mailbox>();
        foreach (var id in ids)
        {
            var row = (await mailbox.FirstAttemptAsync(id, TimeSpan.FromSeconds(60)))!;
            Assert.Equal((MessageStatus.Sent, 1, (string?)null), (row.Status, row.Attempts, row.LastError));
        }
    }

    [Theory]
    [InlineData("Email:Smtp:EnableTls", "true", "STARTTLS")]
    [InlineData("Email:Smtp:UserName", "portal", "authentication")]
    public async Task A_server_that_refuses_tls_or_sign_in_leaves_the_reason_on_the_message_which_is_retried(string key,
        string value, string reason)
    {
        await using var sink = await SmtpSink.StartAsync();
        using var factory = new SmtpPortalFactory(sink, new KeyValuePair<string, string>(key, value),
            new("Email:Smtp:Password", "secret"));
        var id = await SendMessageAsync(factory, "someone@example.com");
        var row = (await factory.Services.GetRequiredService<Mailbox>()
            .FirstAttemptAsync(id, TimeSpan.FromSeconds(60)))!;
        Assert.Equal(MessageStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains(reason, row.LastError);
        Assert.True(row.NextAttemptAt > DateTime.UtcNow, "The message waits for its retry.");
        Assert.Equal(0, sink.Accepted);
    }

    [Fact]
    public async Task A_test_email_that_fails_says_why_and_is_not_tried_again()
    {
        await using var sink = await SmtpSink.StartAsync();
        using var factory = new SmtpPortalFactory(sink, new KeyValuePair<string, string>("Email:Smtp:EnableTls",
            "true"));
        var id = await SendTestAsync(factory, "someone@example.com");
        var row = (await factory.Services.GetRequiredService<Mailbox>()
            .FirstAttemptAsync(id, TimeSpan.FromSeconds(60)))!;
        Assert.Equal((MessageStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("STARTTLS", row.LastError);
        Assert.Equal(0, sink.Accepted);
    }
}
