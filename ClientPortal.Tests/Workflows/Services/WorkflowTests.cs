using System.Net;
using System.Text;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Learning;
using ClientPortal.App.Features.Workflows;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Infrastructure.Webhooks;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Workflows.Services;

public class WorkflowTests
{
    private static readonly Actor Owner = new("owner-id", "owner@example.com", Roles.Owner);

    private static async Task<long> PublishAsync(DomainHost host, WorkflowDraft draft, long? id = null)
    {
        var outcome = await host.Get<WorkflowEditor>().PublishAsync(id, draft, Owner);
        Assert.True(outcome.Succeeded, outcome.ErrorText);
        return outcome.Value;
    }

    private static WorkflowDraft Tagging(string name, WorkflowTrigger trigger, string tag,
        WorkflowFilterKind filter = WorkflowFilterKind.None,
        long? filterId = null, string? filterTag = null) =>
        new(name, trigger, filter, filterId, filterTag, [new WorkflowStep(WorkflowStepKind.AddTag, Tag: tag)]);

    /// <summary>The event as a change commits it: its trigger record written with it, then published.</summary>
    private static async Task CommitAsync(DomainHost host, IDomainEvent e)
    {
        await using var db = host.NewDb();
        db.Raise(e);
        await db.SaveChangesAsync();
    }

    /// <summary>Runs everything due, as the background runner would, until nothing is left.</summary>
    private static async Task DrainAsync(DomainHost host)
    {
        var runner = host.Get<WorkflowRunner>();
        while ((await runner.RunDueAsync(CancellationToken.None)).Moved) { }
    }

    private static async Task<string[]> TagsAsync(DomainHost host, long contact) =>
        (await host.Get<ContactDirectory>().GetAsync(contact))!.Tags.Select(t => t.Tag).Order().ToArray();

    /// <summary>Every trigger a domain event fires (the inbound webhook is started by its URL:
    /// InboundTriggerWebTests).</summary>
    public static TheoryData<WorkflowTrigger> AllTriggers =>
        new(Enum.GetValues<WorkflowTrigger>().Where(t => t != WorkflowTrigger.Inbound));

    [Theory]
    [MemberData(nameof(AllTriggers))]
    public async Task Each_trigger_starts_its_workflows_for_the_contact_in_the_event(WorkflowTrigger trigger)
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 1);
        var other = await Seed.ContactAsync(host, "bystander@example.com");
        await PublishAsync(host, Tagging("Tag on trigger", trigger, "fired"));
        await PublishAsync(host,
            Tagging("Another trigger",
            trigger == WorkflowTrigger.Login ? WorkflowTrigger.InviteSent : WorkflowTrigger.Login, "wrong"));

        var (c, p, cat, l, now) = (course.ContactId, course.ProductId, course.CategoryIds[0], course.LessonIds[0][0],
            host.Clock.GetUtcNow().UtcDateTime);
        IDomainEvent e = trigger switch
        {
            WorkflowTrigger.ContactCreated => new ContactCreated(c, "contact@example.com", Seed.Admin, now),
            WorkflowTrigger.InviteSent => new InviteSent(c, Seed.Admin, now),
            WorkflowTrigger.PortalJoined => new PortalJoined(c, now),
            WorkflowTrigger.NewSignUp => new NewSignUp(c, null, now),
            WorkflowTrigger.OfferAccessGranted =>
                new OfferAccessGranted(c, course.OfferId, "Offer", null, Seed.Admin, now),
            WorkflowTrigger.OfferAccessRemoved => new GrantRevoked(c, course.OfferId, "Offer", true, Seed.Admin, now),
            WorkflowTrigger.ProductAccessGranted => new ProductAccessGranted(c, p, now),
            WorkflowTrigger.ProductAccessRemoved => new ProductAccessRemoved(c, p, now),
            WorkflowTrigger.ProductStarted => new ProductStarted(c, p, now),
            WorkflowTrigger.ProductCompleted => new ProductCompleted(c, p, now),
            WorkflowTrigger.CategoryStarted => new CategoryStarted(c, p, cat, now),
            WorkflowTrigger.CategoryCompleted => new CategoryCompleted(c, p, cat, now),
            WorkflowTrigger.LessonStarted => new LessonStarted(c, p, cat, l, now),
            WorkflowTrigger.LessonCompleted => new LessonCompleted(c, p, cat, l, now),
            WorkflowTrigger.Login => new LearnerSignedIn(c, "link", false, Seed.Admin, now),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger)),
        };
        await CommitAsync(host, e);
        await DrainAsync(host);

        Assert.Equal(["fired"], await TagsAsync(host, c));
        Assert.Empty(await TagsAsync(host, other));
        var log = await host.Get<WorkflowRunLog>().SearchAsync(new RunQuery(Status: WorkflowRunStatus.Completed));
        var run = Assert.Single(log.Items);
        Assert.Equal((trigger, c, "Tag on trigger"), (run.Trigger, run.ContactId!.Value, run.Workflow));
    }

    [Fact]
    public async Task Real_services_start_runs_and_filters_pick_the_offer_the_product_or_the_tag()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 2);
        var otherOffer = await Seed.OfferAsync(host, "Other offer", await Seed.ProductAsync(host, "Other course"));
        var vip = await Seed.ContactAsync(host, "vip@example.com", "Vic", null, "vip");
        await PublishAsync(host,
            Tagging("Only the course offer", WorkflowTrigger.OfferAccessGranted, "course-offer",
            WorkflowFilterKind.Offer, course.OfferId));
        await PublishAsync(host,
            Tagging("Only VIPs", WorkflowTrigger.OfferAccessGranted, "vip-granted", WorkflowFilterKind.Tag,
            filterTag: "VIP"));
        await PublishAsync(host,
            Tagging("Second lesson done", WorkflowTrigger.LessonCompleted, "lesson-2", WorkflowFilterKind.Lesson,
            course.LessonIds[0][1]));
        await PublishAsync(host,
            Tagging("Course finished", WorkflowTrigger.ProductCompleted, "graduate", WorkflowFilterKind.Product,
            course.ProductId));

        var access = host.Get<AccessGrants>();
        await access.GrantAsync(vip, otherOffer, null, Seed.Admin);
        await access.GrantAsync(vip, course.OfferId, null, Seed.Admin);
        var progress = host.Get<CourseProgress>();
        await progress.CompleteAsync(course.ContactId, course.ProductId, course.LessonIds[0][0]);
        await DrainAsync(host);
        Assert.Equal(["course-offer", "vip", "vip-granted"],
            await TagsAsync(host, vip)); // vip-granted once per grant, course-offer once
        Assert.Empty(await TagsAsync(host, course.ContactId));
        await using (var db = host.NewDb())
            Assert.Equal(3,
                await db.WorkflowRuns.CountAsync(r =>
                r.ContactId == vip)); // VIP filter: both grants; offer filter: one

        await progress.CompleteAsync(course.ContactId, course.ProductId, course.LessonIds[0][1]);
        await DrainAsync(host);
        Assert.Equal(["graduate", "lesson-2"], await TagsAsync(host, course.ContactId));
    }

    [Fact]
    public async Task A_wait_survives_a_restart_and_resumes_when_due_on_the_injected_clock()
    {
        using var dir = new TempDirectory();
        var clock = new TestClock();
        long contact;
        await using (var first = await DomainHost.OpenAsync(dir.Path, clock))
        {
            contact = await Seed.ContactAsync(first, "ada@example.com");
            await PublishAsync(first,
                new WorkflowDraft("Drip", WorkflowTrigger.PortalJoined, WorkflowFilterKind.None, null, null,
            [
                new WorkflowStep(WorkflowStepKind.AddTag, Tag: "day-0"),
                new WorkflowStep(WorkflowStepKind.Wait, Amount: 2, Unit: WaitUnit.Days),
                new WorkflowStep(WorkflowStepKind.AddTag, Tag: "day-2"),
            ]));
            await CommitAsync(first, new PortalJoined(contact, clock.GetUtcNow().UtcDateTime));
            await DrainAsync(first);
            Assert.Equal(["day-0"], await TagsAsync(first, contact));
        }

        await using var second = await DomainHost.OpenAsync(dir.Path, clock);
        await second.Get<WorkflowRunner>().RecoverAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await DrainAsync(second);
        Assert.Equal(["day-0"], await TagsAsync(second, contact));
        clock.Advance(TimeSpan.FromMinutes(1));
        await DrainAsync(second);
        Assert.Equal(["day-0", "day-2"], await TagsAsync(second, contact));
        var run = (await second.Get<WorkflowRunLog>().SearchAsync(new RunQuery())).Items.Single();
        Assert.Equal(WorkflowRunStatus.Completed, run.Status);
        var detail = (await second.Get<WorkflowRunLog>().DetailAsync(run.Id))!;
        Assert.Equal([WorkflowStepStatus.Succeeded, WorkflowStepStatus.Waiting, WorkflowStepStatus.Succeeded],
            detail.Log.Select(l => l.Status));
    }

    [Fact]
    public async Task A_step_repeated_after_a_crash_does_not_send_the_email_twice_and_mints_a_working_link()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 1);
        await PublishAsync(host,
            new WorkflowDraft("Welcome", WorkflowTrigger.InviteSent, WorkflowFilterKind.None, null, null,
        [
            new WorkflowStep(WorkflowStepKind.SendEmail, Subject: "Hi {{contact.first_name}}",
                Body: "Start here: {{login_url:courses}}"),
            new WorkflowStep(WorkflowStepKind.AddTag, Tag: "welcomed"),
        ]));
        await CommitAsync(host, new InviteSent(course.ContactId, Seed.Admin, host.Clock.GetUtcNow().UtcDateTime));
        await DrainAsync(host);

        // A crash after the email was queued but before the position was saved: the step runs again.
        await using (var db = host.NewDb())
            await db.WorkflowRuns.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, WorkflowRunStatus.Running)
                .SetProperty(r => r.CurrentStep, 0));
        await host.Get<WorkflowRunner>().RecoverAsync(CancellationToken.None);
        await DrainAsync(host);

        await using var check = host.NewDb();
        var mail = Assert.Single(await check.Outbox.Where(m => m.ContactId == course.ContactId).ToListAsync());
        Assert.Equal(("Hi Ada", "workflow"), (mail.Subject, mail.Kind));
        Assert.StartsWith("workflow:", mail.IdempotencyKey);
        var text = host.Get<MessageProtector>().TryUnprotect(mail.ProtectedText)!;
        var link = await check.MagicLinks.SingleAsync(l => l.ContactId == course.ContactId);
        Assert.Equal((MagicLinkPurpose.Workflow, "courses"), (link.Purpose, link.TargetSection));
        Assert.Matches("/l/[A-Za-z0-9_-]{43}", text);
        Assert.Equal(WorkflowRunStatus.Completed, (await check.WorkflowRuns.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_workflow_that_retriggers_itself_stops_at_the_depth_limit_and_says_why()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 1);
        var bonus = await Seed.OfferAsync(host, "Bonus", await Seed.ProductAsync(host, "Bonus course"));
        await PublishAsync(host,
            new WorkflowDraft("Regrant forever", WorkflowTrigger.OfferAccessGranted, WorkflowFilterKind.Offer, bonus,
            null,
        [
            new WorkflowStep(WorkflowStepKind.RevokeOffer, OfferId: bonus),
            new WorkflowStep(WorkflowStepKind.GrantOffer, OfferId: bonus),
        ]));
        await host.Get<AccessGrants>().GrantAsync(course.ContactId, bonus, null, Seed.Admin);
        await DrainAsync(host);

        await using var db = host.NewDb();
        var runs = await db.WorkflowRuns.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(Enumerable.Range(0, WorkflowTriggers.MaxDepth + 2), runs.Select(r => r.Depth));
        Assert.All(runs.Take(WorkflowTriggers.MaxDepth + 1), r => Assert.Equal(WorkflowRunStatus.Completed, r.Status));
        Assert.Equal(WorkflowRunStatus.Stopped, runs[^1].Status);
        Assert.Contains("triggering itself", runs[^1].Error);
        Assert.True(await host.Get<AccessGrants>()
            .CanSeeAsync(course.ContactId, (await db.OfferProducts.SingleAsync(o => o.OfferId == bonus)).ProductId));
    }

    [Fact]
    public async Task Published_changes_apply_to_new_runs_while_running_runs_keep_their_version()
    {
        await using var host = await DomainHost.StartAsync();
        var a = await Seed.ContactAsync(host, "a@example.com");
        var b = await Seed.ContactAsync(host, "b@example.com");
        var id = await PublishAsync(host,
            new WorkflowDraft("Versioned", WorkflowTrigger.Login, WorkflowFilterKind.None, null, null,
            [new WorkflowStep(WorkflowStepKind.Wait, Amount: 1, Unit: WaitUnit.Hours),
                new WorkflowStep(WorkflowStepKind.AddTag, Tag: "v1")]));
        await CommitAsync(host, new LearnerSignedIn(a, "link", false, Seed.Admin, host.Clock.GetUtcNow().UtcDateTime));
        await DrainAsync(host);
        await PublishAsync(host,
            new WorkflowDraft("Versioned", WorkflowTrigger.Login, WorkflowFilterKind.None, null, null,
            [new WorkflowStep(WorkflowStepKind.Wait, Amount: 1, Unit: WaitUnit.Hours),
                new WorkflowStep(WorkflowStepKind.AddTag, Tag: "v2")]), id);
        await CommitAsync(host, new LearnerSignedIn(b, "link", false, Seed.Admin, host.Clock.GetUtcNow().UtcDateTime));
        await DrainAsync(host);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await DrainAsync(host);
        Assert.Equal(["v1"], await TagsAsync(host, a));
        Assert.Equal(["v2"], await TagsAsync(host, b));
        var list = await host.Get<WorkflowEditor>().ListAsync();
        Assert.Equal((2, 2), (list.Single().Version, list.Single().Runs));

        // Disabled: no new runs.
        Assert.True((await host.Get<WorkflowEditor>().SetEnabledAsync(id, false, Owner)).Succeeded);
        await CommitAsync(host, new LearnerSignedIn(a, "link", false, Seed.Admin, host.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(2, (await host.Get<WorkflowEditor>().ListAsync()).Single().Runs);
    }

    [Fact]
    public async Task A_draft_with_bad_steps_is_refused_naming_each_action_and_nothing_is_saved()
    {
        await using var host = await DomainHost.StartAsync();
        var editor = host.Get<WorkflowEditor>();
        var bad = new WorkflowDraft("Bad", WorkflowTrigger.Login, WorkflowFilterKind.Offer, 1, null,
        [
            new WorkflowStep(WorkflowStepKind.SendEmail, Subject: "Hi", Body: "Hello {{contact.nickname}}"),
            new WorkflowStep(WorkflowStepKind.Webhook, Url: "ftp://example.com/hook"),
            new WorkflowStep(WorkflowStepKind.Wait, Amount: 0),
        ]);
        var outcome = await editor.PublishAsync(null, bad, Owner);
        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Contains("does not apply to Login"));
        Assert.Contains(outcome.Errors, e => e.StartsWith("Action 1 (Send email)") && e.Contains("nickname"));
        Assert.Contains(outcome.Errors, e => e.StartsWith("Action 2 (Call webhook)") && e.Contains("http(s)"));
        Assert.Contains(outcome.Errors, e => e.StartsWith("Action 3 (Wait)") && e.Contains("at least 1"));
        await using var db = host.NewDb();
        Assert.Equal(0, await db.Workflows.CountAsync());
    }

    [Fact]
    public async Task Staff_cannot_publish_a_workflow()
    {
        await using var host = await DomainHost.StartAsync();
        var staff = await host.Get<WorkflowEditor>().PublishAsync(null, Tagging("Fine", WorkflowTrigger.Login, "x"),
            new Actor("s", "staff@example.com", Roles.Staff));
        Assert.False(staff.Succeeded);
        await using var db = host.NewDb();
        Assert.Equal(0, await db.Workflows.CountAsync());
    }

    /// <summary>A workflow whose webhook step calls <paramref name="receiver"/> when a contact is made, started once
    /// for Ada; returns the step's signing secret.</summary>
    private static async Task<string> WebhookRunAsync(DomainHost host, WebhookReceiver receiver)
    {
        var contact = await Seed.ContactAsync(host, "ada@example.com", "Ada");
        var id = await PublishAsync(host,
            new WorkflowDraft("Notify CRM", WorkflowTrigger.ContactCreated, WorkflowFilterKind.None, null, null,
            [new WorkflowStep(WorkflowStepKind.Webhook, Url: receiver.Url, IncludeLoginUrl: true)]));
        await CommitAsync(host,
            new ContactCreated(contact, "contact@example.com", Seed.Admin, host.Clock.GetUtcNow().UtcDateTime));
        await DrainAsync(host);
        return (await host.Get<WorkflowEditor>().GetAsync(id))!.WebhookSecret;
    }

    [Fact]
    public async Task A_webhook_step_is_signed_so_a_receiver_can_verify_it()
    {
        await using var host = await DomainHost.StartAsync(configure: DomainHost.AllowPrivateNetworks);
        using var receiver = new WebhookReceiver();
        var secret = await WebhookRunAsync(host, receiver);

        var call = Assert.Single(receiver.Calls);
        Assert.True(WebhookSignature.Verify(secret, long.Parse(call.Timestamp), call.Body, call.Signature));
        Assert.False(WebhookSignature.Verify(secret, long.Parse(call.Timestamp), call.Body.Replace("ada@", "eve@"),
            call.Signature));
        Assert.False(WebhookSignature.Verify("not-the-secret", long.Parse(call.Timestamp), call.Body, call.Signature));
        Assert.Contains("\"email\":\"ada@example.com\"", call.Body);
        Assert.Matches("\"login_url\":\"https?://[^\"]+/l/[A-Za-z0-9_-]{43}\"", call.Body);
        Assert.Equal(WorkflowRunStatus.Completed, (await host.Get<WorkflowRunLog>().SearchAsync(new RunQuery()))
            .Items.Single().Status);
    }

    [Fact]
    public async Task A_failed_webhook_step_retries_with_backoff_under_the_same_delivery_id()
    {
        await using var host = await DomainHost.StartAsync(configure: DomainHost.AllowPrivateNetworks);
        using var receiver = new WebhookReceiver { FailNext = 1 };
        await WebhookRunAsync(host, receiver);
        var run = (await host.Get<WorkflowRunLog>().SearchAsync(new RunQuery())).Items.Single();
        Assert.Equal((WorkflowRunStatus.Waiting, 0), (run.Status, run.CurrentStep));
        Assert.Contains("HTTP 500", run.Error);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime.AddSeconds(30), run.NextAttemptAt);

        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await DrainAsync(host);
        Assert.Equal(2, receiver.Calls.Count);
        Assert.Equal(receiver.Calls[0].Delivery,
            receiver.Calls[1].Delivery); // the same delivery id, so a receiver can drop a repeat
        Assert.Equal(WorkflowRunStatus.Completed, (await host.Get<WorkflowRunLog>().SearchAsync(new RunQuery()))
            .Items.Single().Status);
    }

    [Fact]
    public async Task Webhooks_to_this_machine_or_a_private_network_are_refused_after_dns_without_a_call_or_a_retry()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com", "Ada");
        using var receiver = new WebhookReceiver();
        var port = new Uri(receiver.Url).Port;
        foreach (var url in new[] { receiver.Url, $"http://localhost:{port}/hook/" })
            await PublishAsync(host,
                new WorkflowDraft($"Notify {url}", WorkflowTrigger.ContactCreated, WorkflowFilterKind.None, null, null,
                [new WorkflowStep(WorkflowStepKind.Webhook, Url: url)]));

        await CommitAsync(host,
            new ContactCreated(contact, "contact@example.com", Seed.Admin, host.Clock.GetUtcNow().UtcDateTime));
        await DrainAsync(host);
        var runs = (await host.Get<WorkflowRunLog>().SearchAsync(new RunQuery())).Items;
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(WorkflowRunStatus.Failed, r.Status));
        Assert.Contains(runs, r => r.Error!.Contains("127.0.0.1 is an address on this server or a private network"));
        Assert.Contains(runs, r => r.Error!.Contains("localhost is at ")
            && r.Error.Contains("Webhooks only go to public addresses"));
        Assert.Empty(receiver.Calls);

        foreach (var address in new[] { "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "::1", "fe80::1",
                     "fd00::1", "::ffff:127.0.0.1", "224.0.0.1" })
            Assert.False(WebhookNetwork.IsPublic(System.Net.IPAddress.Parse(address)), address);
        foreach (var address in new[] { "93.184.216.34", "1.1.1.1", "172.32.0.1", "2606:4700::1111" })
            Assert.True(WebhookNetwork.IsPublic(System.Net.IPAddress.Parse(address)), address);
    }

    [Fact]
    public async Task A_run_that_fails_for_good_can_be_retried_from_the_failed_step()
    {
        await using var host = await DomainHost.StartAsync();
        var contact = await Seed.ContactAsync(host, "ada@example.com");
        var offer = await Seed.OfferAsync(host, "Temporary", await Seed.ProductAsync(host, "Temp course"));
        await PublishAsync(host,
            new WorkflowDraft("Grant then tag", WorkflowTrigger.PortalJoined, WorkflowFilterKind.None, null, null,
            [new WorkflowStep(WorkflowStepKind.AddTag, Tag: "first"),
                new WorkflowStep(WorkflowStepKind.GrantOffer, OfferId: offer + 100),
             new WorkflowStep(WorkflowStepKind.AddTag, Tag: "last")]));
        await CommitAsync(host, new PortalJoined(contact, host.Clock.GetUtcNow().UtcDateTime));
        await DrainAsync(host);
        var run = (await host.Get<WorkflowRunLog>().SearchAsync(new RunQuery(Status: WorkflowRunStatus.Failed)))
            .Items.Single();
        Assert.Contains("Step 2 (Grant offer) failed", run.Error);

        // The cause is still there (a run keeps its version), so the retry fails the same way; the completed first step
        // is not repeated.
        Assert.False((await host.Get<WorkflowRunLog>()
            .RetryAsync(run.Id, new Actor("s", "staff@example.com", Roles.Staff))).Succeeded);
        Assert.True((await host.Get<WorkflowRunLog>().RetryAsync(run.Id, Owner)).Succeeded);
        await DrainAsync(host);
        var detail = (await host.Get<WorkflowRunLog>().DetailAsync(run.Id))!;
        Assert.Equal(1, detail.Log.Count(l => l.StepIndex == 0));
        Assert.Equal(2, detail.Log.Count(l => l.StepIndex == 1 && l.Status == WorkflowStepStatus.Failed));
        Assert.Equal(["first"], await TagsAsync(host, contact));
    }
}
