using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Workflows;

public sealed record WorkflowSummary(long Id, string Name, bool Enabled, WorkflowTrigger? Trigger, int Version,
    int Runs,
    int Active, int Failed);

public sealed record WorkflowDetail(long Id, string Name, bool Enabled, int Version, WorkflowDraft Draft,
    string WebhookSecret, bool HasInboundUrl);

/// <summary>
/// Workflows as the editor sees them. Publishing writes a new immutable version: new runs use it,
/// runs already under way keep the version they started with.
/// </summary>
public sealed class WorkflowEditor(IDbContextFactory<PortalDbContext> dbFactory, WorkflowTriggers triggers,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workflows = await db.Workflows.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
        var versions = await db.WorkflowVersions.AsNoTracking()
            .Where(v => workflows.Select(w => w.CurrentVersionId).Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, ct);
        var counts = await db.WorkflowRuns.GroupBy(r => r.WorkflowId).Select(g => new
        {
            g.Key,
            Runs = g.Count(),
            Active = g.Count(r => r.Status == WorkflowRunStatus.Pending || r.Status == WorkflowRunStatus.Running
                || r.Status == WorkflowRunStatus.Waiting),
            Failed = g.Count(r => r.Status == WorkflowRunStatus.Failed),
        }).ToDictionaryAsync(x => x.Key, ct);
        return workflows.Select(w =>
        {
            var v = w.CurrentVersionId is { } id ? versions.GetValueOrDefault(id) : null;
            var c = counts.GetValueOrDefault(w.Id);
            return new WorkflowSummary(w.Id, w.Name, w.Enabled, v?.Trigger, v?.Number ?? 0, c?.Runs ?? 0, c?.Active
                ?? 0,
                c?.Failed ?? 0);
        }).ToList();
    }

    public async Task<WorkflowDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var w = await db.Workflows.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return null;
        var v = await db.WorkflowVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == w.CurrentVersionId, ct);
        var draft = v is null
            ? new WorkflowDraft(w.Name, WorkflowTrigger.OfferAccessGranted, WorkflowFilterKind.None, null, null, [])
            : new WorkflowDraft(w.Name, v.Trigger, v.FilterKind, v.FilterId, v.FilterTag,
                WorkflowDefinition.Deserialize(v.StepsJson),
                v.InboundCreatesContact);
        return new WorkflowDetail(w.Id, w.Name, w.Enabled, v?.Number ?? 0, draft, w.WebhookSecret,
            w.InboundKeyHash is not null);
    }

    /// <summary>Creates (id null) or publishes a new version of a workflow. New workflows start enabled.</summary>
    public async Task<Outcome<long>> PublishAsync(long? id, WorkflowDraft draft, Actor actor,
        CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome<long>.Fail("Only an Owner or Admin can " +
            "change workflows.");
        if (WorkflowDefinition.Validate(draft) is { Count: > 0 } errors) return Outcome<long>.Fail(errors);
        await triggers.StartTriggeredRunsAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var name = Domain.Text.SingleLine(draft.Name);
        if (await db.Workflows.AnyAsync(w => w.Name == name && w.Id != id,
            ct)) return Outcome<long>.Fail($"Another workflow is already called “{name}”.");
        Workflow? workflow;
        if (id is null)
        {
            workflow = new Workflow { Name = name, Enabled = true, CreatedAt = now,
                WebhookSecret = WorkflowDefinition.NewSecret() };
            db.Workflows.Add(workflow);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            workflow = await db.Workflows.FirstOrDefaultAsync(w => w.Id == id, ct);
            if (workflow is null) return Outcome<long>.Fail("This workflow no longer exists.");
            workflow.Name = name;
        }
        var number = (await db.WorkflowVersions.Where(v => v.WorkflowId == workflow.Id)
            .MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var version = new WorkflowVersion
        {
            WorkflowId = workflow.Id,
            Number = number,
            Trigger = draft.Trigger,
            FilterKind = draft.FilterKind,
            FilterId = draft.FilterKind is WorkflowFilterKind.None or WorkflowFilterKind.Tag ? null : draft.FilterId,
            FilterTag = draft.FilterKind == WorkflowFilterKind.Tag
                ? ClientPortal.Domain.Contacts.ContactTags.Normalize(draft.FilterTag!) : null,
            StepsJson = WorkflowDefinition.Serialize(draft.Steps.Select(Clean).ToList()),
            InboundCreatesContact = draft.Trigger == WorkflowTrigger.Inbound && draft.InboundCreatesContact,
            PublishedAt = now,
            PublishedBy = actor.Name,
        };
        db.WorkflowVersions.Add(version);
        await db.SaveChangesAsync(ct);
        workflow.Publish(version, draft.Steps.Count, actor, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<long>.Success(workflow.Id);
    }

    public async Task<Outcome> SetEnabledAsync(long id, bool enabled, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can change " +
            "workflows.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workflow = await db.Workflows.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (workflow is null) return Outcome.Fail("This workflow no longer exists.");
        await triggers.StartTriggeredRunsAsync(ct);
        workflow.Enable(enabled, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> DeleteAsync(long id, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can delete " +
            "workflows.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workflow = await db.Workflows.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (workflow is null) return Outcome.Fail("This workflow no longer exists.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Runs and their logs go with it (cascade); versions are referenced by runs, so remove runs first.
        await db.WorkflowRuns.Where(r => r.WorkflowId == id).ExecuteDeleteAsync(ct);
        workflow.Delete(actor, clock.GetUtcNow().UtcDateTime);
        db.Workflows.Remove(workflow);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    private static WorkflowStep Clean(WorkflowStep s) => s with
    {
        Subject = s.Subject is null ? null : Domain.Text.SingleLine(s.Subject),
        Body = s.Body is null ? null : Domain.Text.MultiLine(s.Body).Trim(),
        Tag = s.Tag is null ? null : ClientPortal.Domain.Contacts.ContactTags.Normalize(s.Tag),
        Url = s.Url?.Trim(),
    };
}
