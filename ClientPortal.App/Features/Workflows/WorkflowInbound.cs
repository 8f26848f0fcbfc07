using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Workflows;

/// <summary>What another system posts to a workflow's inbound URL.</summary>
/// <param name="Name">A full name; split into first and last name when those are not given.</param>
public sealed record InboundCall(string Email, string? Name = null, string? FirstName = null, string? LastName = null,
    string? Phone = null,
    IReadOnlyList<string>? Tags = null);

public sealed record InboundStarted(long ContactId, bool ContactCreated, IReadOnlyList<long> Runs);

public enum InboundRefusal
{
    None,
    /// <summary>No workflow has this URL (never made, or replaced).</summary>
    UnknownUrl,
    /// <summary>The workflow is paused, or its published trigger is no longer the inbound webhook.</summary>
    NotListening,
    /// <summary>The body was refused (see the outcome's problems).</summary>
    Invalid,
}

/// <summary>
/// The "Inbound webhook" trigger: each workflow with it has a secret URL (shown once when made, stored hashed); a post
/// with a contact's email starts the workflow for that contact, creating the contact when the workflow says so.
/// </summary>
public sealed class WorkflowInbound(IDbContextFactory<PortalDbContext> dbFactory, ContactDirectory contacts,
    WorkflowTriggers triggers,
    PortalUrls urls, TimeProvider clock)
{
    public const string PathPrefix = "/hooks/workflows";

    /// <returns>The new URL (the previous one stops working).</returns>
    public async Task<Outcome<string>> NewUrlAsync(long workflowId, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome<string>.Fail("Only an Owner or Admin can " +
            "change workflows.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Workflows.FirstOrDefaultAsync(w => w.Id == workflowId, ct) is not { } workflow)
            return Outcome<string>.Fail("This workflow no longer exists.");
        var token = workflow.NewInboundKey(actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Success(await urls.AbsoluteAsync($"{PathPrefix}/{token}", ct));
    }

    public async Task<(InboundRefusal Refusal, Outcome<InboundStarted> Outcome)> TriggerAsync(string? token,
        InboundCall call, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return (InboundRefusal.UnknownUrl,
            Outcome<InboundStarted>.Fail("There is no workflow at this address."));
        var hash = SecretToken.Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Workflows.AsNoTracking().Where(w => w.InboundKeyHash == hash)
            .Select(w =>
                new { w.Id, w.Name, w.Enabled,
                Version = db.WorkflowVersions.FirstOrDefault(v => v.Id == w.CurrentVersionId) })
            .FirstOrDefaultAsync(ct);
        if (found is null) return (InboundRefusal.UnknownUrl,
            Outcome<InboundStarted>.Fail("There is no workflow at this address."));
        if (!found.Enabled || found.Version?.Trigger != WorkflowTrigger.Inbound)
            return (InboundRefusal.NotListening,
                Outcome<InboundStarted>.Fail("This workflow is paused or no longer starts from an inbound webhook."));

        var actor = Actor.System($"inbound webhook of “{found.Name}”");
        var (first, last) = (call.FirstName, call.LastName);
        if (first is null && last is null && !string.IsNullOrWhiteSpace(call.Name))
        {
            var parts = call.Name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            (first, last) = (parts[0], parts.ElementAtOrDefault(1));
        }
        var input = new ContactDetails(call.Email, first, last, call.Phone, call.Tags);
        if (input.Check() is { Count: > 0 } problems) return (InboundRefusal.Invalid,
            Outcome<InboundStarted>.Invalid(problems));

        var existing = await contacts.FindByEmailAsync(call.Email, ct);
        if (existing is null && !found.Version.InboundCreatesContact)
            return (InboundRefusal.Invalid, Outcome<InboundStarted>.Invalid(nameof(call.Email),
                "No contact has this email, and this workflow does not create contacts."));
        var created = existing is null;
        long contactId;
        if (created)
        {
            var made = await contacts.CreateAsync(input, actor, ct);
            if (!made.Succeeded) return (InboundRefusal.Invalid, made.FailureAs<InboundStarted>());
            contactId = made.Value!.Id;
        }
        else
        {
            contactId = existing!.Id;
            if (ContactTags.CeilingProblem(existing.Tags.Select(t => t.Tag).ToList(), call.Tags ?? []) is { } ceiling)
                return (InboundRefusal.Invalid, Outcome<InboundStarted>.Invalid(nameof(call.Tags), ceiling));
            foreach (var tag in call.Tags ?? []) await contacts.TagAsync([contactId], tag, add: true, actor, ct);
        }
        var runs = await triggers.StartRunsAsync(new TriggerOccurrence(WorkflowTrigger.Inbound, contactId,
            clock.GetUtcNow().UtcDateTime,
            WorkflowId: found.Id), ct);
        return (InboundRefusal.None, Outcome<InboundStarted>.Success(new InboundStarted(contactId, created, runs)));
    }
}
