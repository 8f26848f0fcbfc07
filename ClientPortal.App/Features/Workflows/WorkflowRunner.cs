using System.Text.Json;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using ClientPortal.Infrastructure.Settings;
using ClientPortal.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Workflows;

/// <summary>What a step did: done, skipped (with why), failed for good, or failed for now (retried with
/// backoff).</summary>
public sealed record StepResult(WorkflowStepStatus Status, string? Detail, bool Retry = false)
{
    public static StepResult Done(string? detail = null) => new(WorkflowStepStatus.Succeeded, detail);
    public static StepResult Skip(string why) => new(WorkflowStepStatus.Skipped, why);
    public static StepResult Fail(string why, bool retry = false) => new(WorkflowStepStatus.Failed, why, retry);
}

/// <summary>
/// Executes runs in the background, step by step. The run's position is saved after every step, so a crash
/// resumes at the step that was under way; that step may execute again, and every side effect is idempotent
/// under the key <c>workflow:{run}:{step}</c> (outbox rows), by nature (grant, revoke, tags), or by the delivery
/// id a webhook receiver gets. Waits are a stored due time, so they survive restarts. Failed steps retry with
/// backoff, then fail the run (the run log can retry it).
/// </summary>
public sealed class WorkflowRunner(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkflowSignal signal,
    WorkflowTriggers triggers,
    PortalMessages messages,
    AccessGrants access,
    ContactDirectory contacts,
    MagicLinkIssuing links,
    IHttpClientFactory http,
    PortalNode node,
    TimeProvider clock,
    ILogger<WorkflowRunner> logger) : SignalledWorker(signal, TimeSpan.FromSeconds(5), logger)
{
    public const int MaxAttempts = 5;
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(30)];

    protected override Task StartingAsync(CancellationToken ct) => RecoverAsync(ct);

    // Every sign-in can wake the runner (its trigger record): let them gather into one round, which takes them
    // together.
    protected override TimeSpan Gather => TimeSpan.FromMilliseconds(200);

    /// <summary>Goes again at once only while runs move or records are left over: trigger records alone wait for the
    /// next wake.</summary>
    protected override async Task<bool> WorkAsync(CancellationToken ct) => (await RunDueAsync(ct)).MoreWaiting;

    /// <summary>
    /// Runs this node left "running" (a crash or a stop) go back to the queue, at the step they were on; other nodes'
    /// running runs are theirs.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.WorkflowRuns.Where(r => r.Status == WorkflowRunStatus.Running
            && (r.LeasedBy == node.Name || r.LeasedBy == null))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, WorkflowRunStatus.Pending), ct);
        if (count > 0) logger.LogWarning("{Count} workflow run(s) interrupted mid-step were queued again", count);
        return count;
    }

    /// <summary>One round: runs started from the trigger records, then up to 20 due runs advanced one step.</summary>
    public async Task<RunnerRound> RunDueAsync(CancellationToken ct)
    {
        var taken = await triggers.StartTriggeredRunsAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> claimed;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            claimed = await db.ClaimDueRunsAsync(now, node.Name, 20, ct);
        for (var i = 0; i < claimed.Count; i++)
        {
            // Stopping: the runs taken but not started go back to the queue as they were.
            if (ct.IsCancellationRequested)
            {
                await ReleaseAsync(claimed[i..]);
                break;
            }
            await AdvanceAsync(claimed[i], ct);
        }
        return new RunnerRound(taken, claimed.Count);
    }

    private async Task ReleaseAsync(List<long> runs)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.WorkflowRuns.Where(r => runs.Contains(r.Id) && r.Status == WorkflowRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, WorkflowRunStatus.Pending));
    }

    /// <summary>Executes a run this node has taken (Running, its lease) until it waits, fails or completes.</summary>
    private async Task AdvanceAsync(long runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.WorkflowRuns.SingleAsync(r => r.Id == runId, ct);
        var version = await db.WorkflowVersions.AsNoTracking().SingleAsync(v => v.Id == run.WorkflowVersionId, ct);
        var workflow = await db.Workflows.AsNoTracking().SingleAsync(w => w.Id == run.WorkflowId, ct);
        var steps = WorkflowDefinition.Deserialize(version.StepsJson);

        while (run.CurrentStep < steps.Count)
        {
            // Stopping between steps is safe; a step is never cut off half-way by our own shutdown.
            if (ct.IsCancellationRequested) { run.Status = WorkflowRunStatus.Pending; await
                db.SaveChangesAsync(CancellationToken.None); return; }
            var step = steps[run.CurrentStep];
            var started = clock.GetUtcNow().UtcDateTime;
            StepResult result;
            try
            {
                using (WorkflowDepth.RunningAt(run.Depth))
                    result = await ExecuteAsync(run, workflow, step, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Workflow run {RunId} step {Step} failed", run.Id, run.CurrentStep + 1);
                result = StepResult.Fail(ex.Message, retry: true);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            db.WorkflowStepLogs.Add(new WorkflowStepLog
            {
                RunId = run.Id, StepIndex = run.CurrentStep, Kind = step.Kind, Status = result.Status,
                    Attempt = run.Attempts + 1,
                StartedAt = started, FinishedAt = now, Detail = Truncate(result.Detail),
            });
            if (result.Status == WorkflowStepStatus.Failed)
            {
                run.Attempts++;
                if (result.Retry && run.Attempts < MaxAttempts)
                {
                    run.Status = WorkflowRunStatus.Waiting;
                    run.NextAttemptAt = now + Backoff[Math.Min(run.Attempts - 1, Backoff.Length - 1)];
                    run.Error = $"Step {run.CurrentStep + 1} failed (attempt {run.Attempts} of {MaxAttempts}), " +
                        $"retrying at {run.NextAttemptAt:HH:mm:ss} UTC: {result.Detail}";
                }
                else
                {
                    run.Status = WorkflowRunStatus.Failed;
                    run.CompletedAt = now;
                    run.Error = $"Step {run.CurrentStep + 1} ({WorkflowDefinition.Describe(step.Kind)}) failed: " +
                        $"{result.Detail}";
                }
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            run.CurrentStep++;
            run.Attempts = 0;
            run.Error = null;
            if (result.Status == WorkflowStepStatus.Waiting)
            {
                run.Status = WorkflowRunStatus.Waiting;
                run.NextAttemptAt = now + step.WaitDuration;
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
        run.Status = WorkflowRunStatus.Completed;
        run.CompletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<StepResult> ExecuteAsync(WorkflowRun run, Workflow workflow, WorkflowStep step,
        CancellationToken ct)
    {
        var actor = Actor.System($"workflow: {workflow.Name}");
        var key = $"workflow:{run.Id}:{run.CurrentStep}";
        if (run.ContactId is not { } contactId) return StepResult.Skip("This run has no contact.");
        switch (step.Kind)
        {
            case WorkflowStepKind.SendEmail:
                return Result(await messages.SendCustomEmailAsync(contactId, "workflow", step.Subject!, step.Body!,
                    actor, key, ct), "Email queued.");
            case WorkflowStepKind.SendSms:
                var sms = await messages.SendCustomSmsAsync(contactId, step.Body!, actor, key, ct);
                return sms.Succeeded ? StepResult.Done("SMS queued.") : StepResult.Skip(sms.ErrorText);
            case WorkflowStepKind.GrantOffer:
                var granted = await access.GrantManyAsync([(contactId, step.OfferId!.Value, null)], actor, ct: ct);
                return granted.Errors.Count > 0 ? StepResult.Fail(string.Join(" ", granted.Errors))
                    : StepResult.Done(granted.Changed > 0 ? "Offer granted." : "Already held; nothing to do.");
            case WorkflowStepKind.RevokeOffer:
                var revoked = await access.RevokeManyAsync([(contactId, step.OfferId!.Value)], actor, ct: ct);
                return StepResult.Done(revoked.Changed > 0 ? "Offer revoked." : "Not held; nothing to do.");
            case WorkflowStepKind.AddTag or WorkflowStepKind.RemoveTag:
                var add = step.Kind == WorkflowStepKind.AddTag;
                var changed = await contacts.TagAsync([contactId], step.Tag!, add, actor, ct);
                return StepResult.Done(changed > 0 ? $"Tag “{step.Tag}” {(add ? "added" : "removed")}."
                    : "Nothing to change.");
            case WorkflowStepKind.Webhook:
                return await CallWebhookAsync(run, workflow, step, contactId, key, actor, ct);
            case WorkflowStepKind.Wait:
                return new StepResult(WorkflowStepStatus.Waiting,
                    $"Waiting {step.Amount} {step.Unit.ToString().ToLowerInvariant()}.");
            default:
                return StepResult.Fail($"Unknown action {step.Kind}.");
        }
    }

    private static StepResult Result(Outcome outcome, string done) =>
        outcome.Succeeded ? StepResult.Done(done) : StepResult.Fail(outcome.ErrorText);

    private async Task<StepResult> CallWebhookAsync(WorkflowRun run, Workflow workflow, WorkflowStep step,
        long contactId, string key, Actor actor,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return StepResult.Fail("This contact no longer exists.");
        string? loginUrl = null;
        if (step.IncludeLoginUrl)
        {
            var issued = await links.IssueAsync(new LinkRequest(contactId, null, MagicLinkPurpose.Workflow, null, null),
                actor, ct);
            if (!issued.Succeeded) return StepResult.Fail(issued.ErrorText);
            loginUrl = issued.Value!.Url;
        }
        var body = JsonSerializer.Serialize(new
        {
            delivery = key,
            workflow = new { id = workflow.Id, name = workflow.Name },
            run = run.Id,
            step = run.CurrentStep + 1,
            trigger = JsonDocument.Parse(run.TriggerData).RootElement,
            contact = new { id = contact.Id, email = contact.Email, first_name = contact.FirstName,
                last_name = contact.LastName, phone = contact.Phone },
            login_url = loginUrl,
        });
        var result = await SignedPost.SendAsync(http, step.Url!, workflow.WebhookSecret, key, body, clock.GetUtcNow(),
            ct);
        return result.Delivered ? StepResult.Done(result.Detail) : StepResult.Fail(result.Detail, result.Retry);
    }

    private static string? Truncate(string? s) => s is { Length: > 1000 } ? s[..1000] + "…" : s;
}

/// <summary>What one round of the runner did: trigger records taken, runs advanced.</summary>
public sealed record RunnerRound(int Taken, int Advanced)
{
    /// <summary>Something moved or a full batch of triggers was taken, so another round may find more.</summary>
    public bool MoreWaiting => Advanced > 0 || Taken >= WorkflowTriggers.Batch;

    public bool Moved => Taken + Advanced > 0;
}
