using System.Net.Http.Json;
using ClientPortal.App.Features.Workflows;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Testing;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Workflows.Browser;

/// <summary>
/// The real executable, SIGKILLed and restarted on the same data: workflow runs neither lost nor doubled, whether the
/// kill comes mid-run or between a change's commit and the run it starts.
/// </summary>
public class WorkflowCrashTests
{
    [Fact]
    public async Task Killed_mid_run_and_restarted_every_contact_gets_the_workflow_email_exactly_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var portal = await RunningPortal.StartAsync(sink.PortalEnvironment(connections: 4));
        await using (var host = await DomainHost.OpenAsync(portal.DataDirectory, new TestClock()))
        {
            var created = await host.Get<WorkflowEditor>()
                .PublishAsync(null, new WorkflowDraft("Welcome every new contact", WorkflowTrigger.ContactCreated,
                WorkflowFilterKind.None, null, null,
            [
                new WorkflowStep(WorkflowStepKind.SendEmail, Subject: "Welcome {{contact.first_name}}",
                    Body: "Come in: {{login_url}}"),
                new WorkflowStep(WorkflowStepKind.AddTag, Tag: "welcomed"),
            ]), new Actor("t", "test@example.com", Roles.Owner));
            Assert.True(created.Succeeded, created.ErrorText);
        }

        const int count = 300;
        using var dir = new TempDirectory();
        var csv = Path.Combine(dir.Path, "people.csv");
        await File.WriteAllLinesAsync(csv,
            ["email,first_name", .. Enumerable.Range(0, count).Select(i => $"w{i}@example.com,W{i}")]);
        var imported = await portal.RunCommandAsync("import-contacts", csv, $"--Portal:PublicBaseUrl={portal.BaseUrl}");
        Assert.True(imported.ExitCode == 0, imported.Output);

        await sink.WaitForAsync(30, TimeSpan.FromSeconds(60));
        await portal.CrashAndRestartAsync();
        Assert.True(sink.Count < count,
            $"the kill came too late to interrupt anything ({sink.Count} of {count} had arrived)");

        await sink.WaitForAsync(count, TimeSpan.FromSeconds(120));
        await Task.Delay(1500); // anything still trickling in would show as a duplicate
        var mails = sink.Received();
        var byRecipient = mails.GroupBy(m => m.RcptTos.Single()).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(count, byRecipient.Count);
        Assert.All(byRecipient.Values, copies => Assert.Single(copies.Select(c => c.MessageId).Distinct()));

        await using var db = PortalDatabase.Standalone(PortalDatabase.ConnectionString(portal.DataDirectory));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.WorkflowRuns.CountAsync(r => r.Status == WorkflowRunStatus.Completed) < count
            && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(count, await db.WorkflowRuns.CountAsync(r => r.Status == WorkflowRunStatus.Completed));
        Assert.Equal(count, await db.Outbox.CountAsync(m => m.Kind == "workflow"));
        Assert.Equal(count, await db.ContactTags.CountAsync(t => t.Tag == "welcomed"));
    }

    [Fact]
    public async Task A_grant_committed_just_before_the_portal_dies_starts_its_workflow_once_after_the_restart()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var portal = await RunningPortal.StartAsync(sink.PortalEnvironment(connections: 1));
        long contact, offer;
        string key;
        var owner = new Actor("t", "test@example.com", Roles.Owner);
        await using (var host = await DomainHost.OpenAsync(portal.DataDirectory, new TestClock()))
        {
            offer = await Seed.OfferAsync(host, "Starter", await Seed.ProductAsync(host, "Course"));
            contact = await Seed.ContactAsync(host, "kim@example.com", "Kim");
            var created = await host.Get<WorkflowEditor>()
                .PublishAsync(null, new WorkflowDraft("Welcome buyers", WorkflowTrigger.OfferAccessGranted,
                WorkflowFilterKind.Offer, offer, null,
                [new WorkflowStep(WorkflowStepKind.SendEmail, Subject: "Welcome {{contact.first_name}}",
                    Body: "Come in: {{login_url}}")]), owner);
            Assert.True(created.Succeeded, created.ErrorText);
            key = (await host.Get<ClientPortal.App.Features.ApiKeys.ApiKeys>()
                .CreateAsync("shop", [ApiScopes.GrantsWrite], owner)).Value.Token;
        }

        // The process dies between the grant's commit and the run's: here, every run insert fails until the restart.
        await using var db = PortalDatabase.Standalone(PortalDatabase.ConnectionString(portal.DataDirectory));
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TRIGGER "TR_Test_RunsFail" BEFORE INSERT ON "WorkflowRuns"
            BEGIN SELECT RAISE(ABORT, 'the portal is dying'); END;
            """);
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var granted = await http.PostAsJsonAsync($"/api/v1/contacts/{contact}/grants", new { offerId = offer });
        Assert.True(granted.IsSuccessStatusCode, await granted.Content.ReadAsStringAsync());
        Assert.Equal(1, await db.Grants.CountAsync(g => g.ContactId == contact));
        Assert.Equal(0, await db.WorkflowRuns.CountAsync());

        await portal.CrashAndRestartAsync(() => db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "TR_Test_RunsFail";"""));

        var mail = (await sink.WaitForAsync(1, TimeSpan.FromSeconds(60))).Single();
        Assert.Equal(("kim@example.com", "Welcome Kim"), (mail.RcptTos.Single(), mail.Subject));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.WorkflowRuns.CountAsync(r => r.Status == WorkflowRunStatus.Completed) < 1
            && DateTime.UtcNow < deadline) await Task.Delay(200);
        await Task.Delay(1500); // a second run or email would show by now
        Assert.Equal(1, await db.WorkflowRuns.CountAsync());
        Assert.Single(sink.Received());
        Assert.Equal(0, await db.WorkflowTriggerRecords.CountAsync());
    }
}
