using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Messaging.Services;

public class TemplateTests
{
    [Theory]
    [InlineData("invite", "Hi {{contact.first_name}}", "[Go]({{login_url:courses}}) {{portal.url}}", true)]
    [InlineData("invite", "Hi {{contact.nick}}", "{{login_url}}", false)]
    [InlineData("invite", "Hi", "{{login_url:nowhere}}", false)]
    [InlineData("invite", "Hi {{login_url}}", "body", false)]
    [InlineData("login-email", "Hi", "Unclosed {{contact.email", false)]
    [InlineData("login-email", "Hi", "Stray }} here", false)]
    [InlineData("login-code", "Code {{code}}", "Your code {{code}}", true)]
    [InlineData("login-code", "Code", "No code field", false)]
    [InlineData("password-reset", "Reset", "[Reset]({{reset_url}})", true)]
    [InlineData("password-reset", "Reset", "{{code}}", false)]
    [InlineData("invite", "", "{{login_url}}", false)]
    public void Template_validation(string key, string subject, string body, bool valid) =>
        Assert.Equal(valid, ClientPortal.Domain.Messaging.TemplateRules.Check(key, subject, body).Count == 0);

    [Fact]
    public async Task Staff_cannot_save_templates()
    {
        await using var host = await DomainHost.StartAsync();
        var templates = host.Get<MessageTemplates>();
        var staff = Seed.Admin with { Role = Roles.Staff };
        Assert.Contains("Only an Owner or Admin", (await templates.SaveAsync("invite", "x", "{{login_url}}", staff))
            .ErrorText);
        Assert.Equal("You're invited to {{portal.name}}", (await templates.GetAsync("invite")).Subject);
    }

    [Fact]
    public async Task A_bad_template_is_refused_beside_its_field()
    {
        await using var host = await DomainHost.StartAsync();
        var templates = host.Get<MessageTemplates>();
        var refused = await templates.SaveAsync("invite", "Welcome {{contact.nick}}", "{{login_url}}", Seed.Admin);
        Assert.False(refused.Succeeded);
        Assert.Equal("Subject", Assert.Single(refused.FieldProblems).Field); // so the editor shows it under the subject
        Assert.Equal(["Body"], (await templates.SaveAsync("invite", "Welcome", "No link", Seed.Admin))
            .FieldProblems.Select(p => p.Field));
        Assert.Equal("You're invited to {{portal.name}}", (await templates.GetAsync("invite")).Subject);
    }

    [Fact]
    public async Task A_saved_template_writes_the_next_email_until_it_is_reset()
    {
        await using var host = await DomainHost.StartAsync();
        var templates = host.Get<MessageTemplates>();
        Assert.True((await templates.SaveAsync("login-email", "Jump back into {{portal.name}}",
            "Hello {{contact.first_name}}: [in]({{login_url:courses}})", Seed.Admin)).Succeeded);
        var contact = await Seed.ContactAsync(host, "eve@example.com", "Eve");
        await host.Get<PortalMessages>()
            .SendLoginLinkAsync(contact, DefaultTemplates.LoginEmail, MagicLinkPurpose.LoginEmail, null, Seed.Admin,
            "t-1");
        await using var db = host.NewDb();
        var message = await db.Outbox.SingleAsync();
        Assert.Equal("Jump back into Client Portal", message.Subject);
        var text = host.Get<MessageProtector>().TryUnprotect(message.ProtectedText)!;
        Assert.StartsWith("Hello Eve: in: http://localhost:5000/l/", text);
        Assert.Equal("courses", (await db.MagicLinks.SingleAsync()).TargetSection);

        Assert.True((await templates.ResetAsync("login-email", Seed.Admin)).Succeeded);
        Assert.Equal(DefaultTemplates.Get("login-email").Subject, (await templates.GetAsync("login-email")).Subject);
    }

    [Fact]
    public async Task A_contact_named_like_markup_is_encoded_in_html_and_plain_in_text()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "x@example.com", "<script>alert(1)</script>",
            "[evil](javascript:alert(2))");
        await host.Get<PortalMessages>()
            .SendLoginLinkAsync(contact, DefaultTemplates.Invite, MagicLinkPurpose.Invite, null, Seed.Admin, "enc-1");
        await using var db = host.NewDb();
        var row = await db.Outbox.SingleAsync();
        var protector = host.Get<MessageProtector>();
        var html = protector.TryUnprotect(row.ProtectedHtml)!;
        var text = protector.TryUnprotect(row.ProtectedText)!;
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("Hi &lt;script&gt;alert(1)&lt;/script&gt;,", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("Hi <script>alert(1)</script>,", text);
        Assert.Contains("/l/", html);
    }

    [Fact]
    public async Task Bodies_at_rest_are_sealed_with_an_AES_GCM_key_and_carry_no_link_in_clear()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "gcm@example.com", "Gil");
        await host.Get<PortalMessages>()
            .SendLoginLinkAsync(contact, DefaultTemplates.LoginEmail, MagicLinkPurpose.LoginEmail, null, Seed.Admin,
            "gcm-1");
        await using var db = host.NewDb();
        var row = await db.Outbox.SingleAsync();
        Assert.DoesNotContain("/l/", row.ProtectedText);
        Assert.DoesNotContain("Gil", row.ProtectedHtml);
        Assert.Contains("/l/", host.Get<MessageProtector>().TryUnprotect(row.ProtectedText)!);
        // The key ring (beside the database; in it on PostgreSQL, shared by every node) says which algorithm its key
        // seals with.
        var key = TestDatabase.IsPostgreSql
            ? Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync())!
            : File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(host.DataDirectory, "keys"),
                "key-*.xml")));
        Assert.Contains("encryption algorithm=\"AES_256_GCM\"", key);
    }

    [Fact]
    public async Task Bulk_login_emails_resume_without_sending_twice()
    {
        await using var host = await DomainHost.StartAsync();
        var ids = new List<long>();
        for (var i = 0; i < 600; i++) ids.Add(await Seed.ContactAsync(host, $"p{i}@example.com"));
        var job = await host.Get<BulkSends>().StartLoginEmailsAsync(ids, Seed.Admin);
        var runner = host.Get<BulkSendRunner>();
        Assert.True(await runner.RunNextChunkAsync(CancellationToken.None));

        // A crash after a chunk committed but before the job's counter moved: the next run redoes the chunk.
        await using (var db = host.NewDb())
            await db.BulkJobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.Done, 0));
        while (await runner.RunNextChunkAsync(CancellationToken.None)) { }
        await using var check = host.NewDb();
        Assert.Equal(600, await check.Outbox.CountAsync());
        Assert.Equal(600, await check.Outbox.Select(m => m.To).Distinct().CountAsync());
        var progress = await host.Get<BulkSends>().ProgressAsync(job!.Value);
        Assert.True(progress!.Completed);
        Assert.Equal(600, progress.Done);
    }

    [Fact]
    public async Task A_failing_delivery_retries_with_backoff_then_gives_up()
    {
        await using var host = await DomainHost.StartAsync(configure: s =>
            s.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Email:Provider"] = "Smtp", ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = "1",
                    ["Email:Smtp:EnableTls"] = "false",
            }).Build()));
        var outbox = host.Get<Outbox>();
        await outbox.EnqueueAsync(new EmailDraft("test", "a@example.com", "Hi", "<p>x</p>", "x", "retry-1"));
        var delivery = host.Get<OutboxDelivery>();
        for (var attempt = 1; attempt <= OutboxDelivery.MaxAttempts; attempt++)
        {
            Assert.Equal(1, await delivery.DeliverBatchAsync(CancellationToken.None));
            await using var db = host.NewDb();
            var m = await db.Outbox.SingleAsync();
            Assert.Equal(attempt, m.Attempts);
            Assert.NotNull(m.LastError);
            Assert.Equal(attempt == OutboxDelivery.MaxAttempts ? MessageStatus.Failed : MessageStatus.Pending,
                m.Status);
            Assert.Equal(0,
                await delivery.DeliverBatchAsync(CancellationToken.None)); // not due until its backoff passes
            host.Clock.Advance(OutboxDelivery.Backoff(attempt));
        }
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxDelivery.Backoff(1));
        Assert.Equal(TimeSpan.FromMinutes(1), OutboxDelivery.Backoff(2));
        Assert.Equal(TimeSpan.FromHours(1), OutboxDelivery.Backoff(20));
    }

    [Fact]
    public async Task An_email_carries_the_brand_with_inlined_styles_a_button_and_a_clean_text_part()
    {
        await using var host = await DomainHost.StartAsync();
        // Branded as an Owner does it, through the settings (their only way in).
        var store = host.Get<ClientPortal.App.Features.Settings.PortalSettingsStore>();
        var s = await store.GetAsync();
        Assert.True((await store.UpdateAsync(new ClientPortal.Domain.Settings.SettingsInput("Bakery School", null,
            "#0b7a75", null, "help@bakery.example", s.SelfRequestedLinkMinutes, s.InviteLinkMinutes,
            s.LoginEmailLinkMinutes, s.AdminLinkMinutes, s.WorkflowLinkMinutes, s.DefaultLinkPolicy),
            Seed.Admin with { Role = Roles.Owner })).Succeeded);
        var contact = await Seed.ContactAsync(host, "bea@example.com", "Bea");
        await host.Get<PortalMessages>()
            .SendLoginLinkAsync(contact, DefaultTemplates.Invite, MagicLinkPurpose.Invite, null, Seed.Admin, "b-1");
        await using var check = host.NewDb();
        var message = await check.Outbox.SingleAsync();
        var html = host.Get<MessageProtector>().TryUnprotect(message.ProtectedHtml)!;
        var text = host.Get<MessageProtector>().TryUnprotect(message.ProtectedText)!;

        // The call to action is a button in the brand colour, styled inline (mail clients drop style sheets).
        var button = System.Text.RegularExpressions.Regex.Match(html,
            "<td class=\"button-cell\" style=\"([^\"]*)\"><a href=\"(http://localhost:5000/l/[A-Za-z0-9_-]{43})\"");
        Assert.True(button.Success, html);
        Assert.Contains("background-color: #0b7a75", button.Groups[1].Value);
        Assert.Contains("Bakery School", html);
        Assert.Contains("mailto:help@bakery.example", html);
        Assert.Contains("@media only screen and (max-width: 600px)", html); // phones get their own padding
        Assert.Contains("This link works until", html);

        // The text part reads as text: no Markdown syntax, the address written out, the same footer.
        Assert.DoesNotContain("**", text);
        Assert.DoesNotContain("](", text);
        Assert.Contains($"Open Bakery School: {button.Groups[2].Value}", text);
        Assert.Contains("This link works until", text);
        Assert.EndsWith("— Bakery School · help@bakery.example", text.Trim());
    }
}
