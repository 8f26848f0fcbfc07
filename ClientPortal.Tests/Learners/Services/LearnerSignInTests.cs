using ClientPortal.App.Features.Learners;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Learners.Services;

public class LearnerSignInTests
{
    private static async Task<(string Html, string Text)> LastMessageAsync(DomainHost host, string to)
    {
        await using var db = host.NewDb();
        var row = await db.Outbox.Where(m => m.To == to).OrderByDescending(m => m.Id).FirstAsync();
        var protector = host.Get<MessageProtector>();
        return (protector.TryUnprotect(row.ProtectedHtml)!, protector.TryUnprotect(row.ProtectedText)!);
    }

    [Fact]
    public async Task Requests_for_known_and_unknown_emails_are_recorded_alike_and_only_known_ones_get_mail()
    {
        await using var host = await DomainHost.StartAsync();
        await Seed.ContactAsync(host, "ada@example.com", "Ada");
        var requests = host.Get<LoginRequests>();
        var known = await requests.RequestAsync(LoginRequestKind.Link, "Ada@Example.com", "10.0.0.1");
        var unknown = await requests.RequestAsync(LoginRequestKind.Link, "nobody@example.com", "10.0.0.2");
        Assert.Equal(known, unknown);

        Assert.Equal(2, await host.Get<LoginRequestProcessor>().ProcessBatchAsync(CancellationToken.None));
        await using var db = host.NewDb();
        var mail = await db.Outbox.SingleAsync();
        Assert.Equal("ada@example.com", mail.To);
        Assert.Equal("Your sign-in link for Client Portal", mail.Subject);
        Assert.DoesNotContain("/l/", mail.ProtectedHtml); // encrypted at rest
        var (html, text) = await LastMessageAsync(host, "ada@example.com");
        Assert.Contains("/l/", html);
        Assert.Contains("Hi Ada,", text);
        Assert.Contains("This link works until Sun 22 Nov 2026, 9:15 (UTC).", text); // self-requested: 15 minutes
        Assert.Equal(MagicLinkPurpose.SelfRequested, (await db.MagicLinks.SingleAsync()).Purpose);
    }

    [Fact]
    public async Task Each_kind_of_request_has_its_own_cooldown_per_email_then_an_hourly_ceiling()
    {
        await using var host = await DomainHost.StartAsync();
        var requests = host.Get<LoginRequests>();
        Assert.True((await requests.RequestAsync(LoginRequestKind.Link, "x@example.com", "1.1.1.1")).Allowed);
        var cooldown = await requests.RequestAsync(LoginRequestKind.Link, "X@example.com", "1.1.1.1");
        Assert.False(cooldown.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(60), cooldown.RetryAfter);
        Assert.Equal("Too many requests. Try again in 60 seconds.", cooldown.Message);
        // Each kind has its own cooldown: a code, then "forgot password", right after a link are all answered.
        Assert.True((await requests.RequestAsync(LoginRequestKind.Code, "x@example.com", "1.1.1.1")).Allowed);
        Assert.True((await requests.RequestAsync(LoginRequestKind.PasswordReset, "x@example.com", "1.1.1.1")).Allowed);
        Assert.False((await requests.RequestAsync(LoginRequestKind.Code, "x@example.com", "1.1.1.1")).Allowed);

        for (var i = 0; i < 2; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(61));
            Assert.True((await requests.RequestAsync(LoginRequestKind.Link, "x@example.com", "1.1.1.1")).Allowed);
        }
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        var hourly = await requests.RequestAsync(LoginRequestKind.Link, "x@example.com", "1.1.1.1");
        Assert.False(hourly.Allowed);
        Assert.Contains("minutes", hourly.Message);
    }

    [Fact]
    public async Task A_throttle_lives_in_the_database_so_a_restart_still_remembers_it()
    {
        await using var host = await DomainHost.StartAsync();
        var requests = host.Get<LoginRequests>();
        Assert.True((await requests.RequestAsync(LoginRequestKind.Link, "x@example.com", "1.1.1.1")).Allowed);

        var restarted = new LoginRequests(host.Get<IDbContextFactory<PortalDbContext>>(), new LoginRequestSignal(),
            host.Get<ClientPortal.App.Features.Settings.PortalSettingsStore>(), host.Clock);
        Assert.False((await restarted.RequestAsync(LoginRequestKind.Link, "x@example.com", "1.1.1.1")).Allowed);
    }

    [Fact]
    public async Task One_network_address_asking_for_twenty_emails_is_held_back()
    {
        await using var host = await DomainHost.StartAsync();
        var requests = host.Get<LoginRequests>();
        for (var i = 0; i < 15; i++)
            Assert.True((await requests.RequestAsync(LoginRequestKind.Link, $"u{i}@example.com", "2.2.2.2")).Allowed);
        for (var i = 15; i < 20; i++) await requests.RequestAsync(LoginRequestKind.Link, $"u{i}@example.com",
            "2.2.2.2");
        Assert.False((await requests.RequestAsync(LoginRequestKind.Link, "another@example.com", "2.2.2.2")).Allowed);
        Assert.True((await requests.RequestAsync(LoginRequestKind.Link, "third@example.com", "3.3.3.3")).Allowed);
    }

    [Fact]
    public async Task A_code_signs_in_once()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com");
        var codes = host.Get<LoginCodes>();

        var code = await codes.IssueAsync(contact);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(contact, (await codes.VerifyAsync("ADA@example.com", code)).Value);
        Assert.False((await codes.VerifyAsync("ada@example.com", code)).Succeeded);
    }

    [Fact]
    public async Task A_code_signs_in_only_for_its_own_email()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com");
        await Seed.ContactAsync(host, "bob@example.com");
        var codes = host.Get<LoginCodes>();

        var code = await codes.IssueAsync(contact);
        Assert.Equal(LoginCodes.Refusal, (await codes.VerifyAsync("nobody@example.com", code)).ErrorText);
        Assert.Equal(LoginCodes.Refusal, (await codes.VerifyAsync("bob@example.com", code)).ErrorText);
        Assert.Equal(contact, (await codes.VerifyAsync("ada@example.com", code)).Value);
    }

    [Fact]
    public async Task A_code_dies_after_five_wrong_attempts()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com");
        var codes = host.Get<LoginCodes>();
        var code = await codes.IssueAsync(contact);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++) Assert.False((await codes.VerifyAsync("ada@example.com", wrong)).Succeeded);
        Assert.False((await codes.VerifyAsync("ada@example.com", code)).Succeeded);
    }

    [Fact]
    public async Task A_code_expires_after_ten_minutes()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com");
        var codes = host.Get<LoginCodes>();
        var code = await codes.IssueAsync(contact);
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False((await codes.VerifyAsync("ada@example.com", code)).Succeeded);
    }

    [Fact]
    public async Task Code_request_mails_a_code_that_signs_in()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com", "Ada");
        await host.Get<LoginRequests>().RequestAsync(LoginRequestKind.Code, "ada@example.com", null);
        await host.Get<LoginRequestProcessor>().ProcessBatchAsync(CancellationToken.None);
        var (_, text) = await LastMessageAsync(host, "ada@example.com");
        var code = System.Text.RegularExpressions.Regex.Match(text, @"\b(\d{6})\b").Groups[1].Value;
        Assert.Equal(contact, (await host.Get<LoginCodes>().VerifyAsync("ada@example.com", code)).Value);
    }

    [Fact]
    public async Task Reset_link_is_single_use_sets_the_password_and_notifies()
    {
        await using var host = await DomainHost.StartAsync();
        await Seed.ContactAsync(host, "ada@example.com", "Ada");
        await host.Get<LoginRequests>().RequestAsync(LoginRequestKind.PasswordReset, "ada@example.com", null);
        await host.Get<LoginRequestProcessor>().ProcessBatchAsync(CancellationToken.None);
        var (_, text) = await LastMessageAsync(host, "ada@example.com");
        var token = System.Text.RegularExpressions.Regex.Match(text, @"/login/reset/([A-Za-z0-9_-]{43})")
            .Groups[1].Value;

        var resets = host.Get<PasswordResets>();
        Assert.True(await resets.IsLiveAsync(token));
        Assert.False((await resets.ResetAsync(token, "weak")).Succeeded);
        Assert.True((await resets.ResetAsync(token, "N3w!Password")).Succeeded);
        Assert.False((await resets.ResetAsync(token, "An0ther!Password")).Succeeded);
        await using var db = host.NewDb();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Kind == DefaultTemplates.PasswordChanged));
        host.Clock.Advance(TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task First_entry_makes_the_contact_active_exactly_once()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com");
        var joins = 0;
        host.Get<ClientPortal.Infrastructure.Events.DomainEvents>().Subscribe(e =>
        {
            if (e is ClientPortal.Domain.Events.PortalJoined) Interlocked.Increment(ref joins);
            return Task.CompletedTask;
        });
        var entry = host.Get<PortalEntry>();
        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => entry.RecordAsync(contact, "link", Actor.System()))));
        Assert.Equal(1, results.Count(first => first));
        Assert.Equal(1, joins);
        var c = await host.Get<ClientPortal.App.Features.Contacts.ContactDirectory>().GetAsync(contact);
        Assert.Equal(PortalStatus.Active, c!.PortalStatus);
        Assert.NotNull(c.FirstAccessAt);
    }
}
