using ClientPortal.App.Features.Webhooks;
using ClientPortal.App.Features.Workflows;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClientPortal.App.Endpoints.Api;

public sealed record WorkflowRunDto(long Id, long WorkflowId, string Workflow, int Version, long? ContactId,
    string? ContactEmail, string Trigger,
    WorkflowRunStatus Status, int CurrentStep, int Steps, DateTime CreatedAt, DateTime? CompletedAt, string? Error);

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", ListEventsAsync).WithTags("Events").WithName("ListEvents")
            .WithSummary("The portal's events in order: pass the last page's nextCursor to read on (an empty page " +
                "with a cursor: nothing new yet)")
            .RequireScope(ApiScopes.EventsRead);
        return api;
    }

    public static RouteGroupBuilder MapWorkflowRunsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/workflow-runs", ListWorkflowRunsAsync).WithTags("Workflow runs").WithName("ListWorkflowRuns")
            .WithSummary("Workflow runs, newest first").RequireScope(ApiScopes.EventsRead);
        return api;
    }

    /// <param name="type">One public event name (contact.created, offer.granted, …), or all.</param>
    public static async Task<Results<Ok<ApiPage<PortalEvent>>,
        ProblemHttpResult>> ListEventsAsync(PortalEventFeed feed, string? type,
        string? cursor, int? limit, CancellationToken ct)
    {
        if (ApiV1.Paging(cursor, limit, out var after, out var take) is { } problem) return problem;
        if (type is not null && !PublicEvents.All.Contains(type))
            return ApiV1.Invalid("type", $"Unknown event type '{type}'. Use {string.Join(", ", PublicEvents.All)}.");
        var items = await feed.ReadAsync(after, type, take, ct);
        // A feed is read on and on: the last page still answers a cursor to poll with (unlike lists, whose end is an
        // end).
        var next = items.Count > 0 ? ApiV1.NextCursor(items, items.Count, e => e.Id) : cursor;
        return TypedResults.Ok(new ApiPage<PortalEvent>(items, next));
    }

    /// <param name="status">pending, running, waiting, completed, failed or stopped.</param>
    public static async Task<Results<Ok<ApiPage<WorkflowRunDto>>,
        ProblemHttpResult>> ListWorkflowRunsAsync(WorkflowRunLog runs,
        long? workflowId, long? contactId, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        if (ApiV1.Paging(cursor, limit, out var before, out var take) is { } problem) return problem;
        if (ApiV1.Word<WorkflowRunStatus>(nameof(status), status, out var runStatus) is { } badStatus) return badStatus;
        var page = await runs.SearchAsync(new RunQuery(workflowId, null, runStatus, 0, take, contactId,
            before == 0 ? null : before), ct);
        var items = page.Items.Select(r =>
            new WorkflowRunDto(r.Id, r.WorkflowId, r.Workflow, r.Version, r.ContactId, r.ContactEmail,
            Domain.Workflows.WorkflowDefinition.Describe(r.Trigger), r.Status, r.CurrentStep, r.Steps, r.CreatedAt,
                r.CompletedAt, r.Error)).ToList();
        return TypedResults.Ok(new ApiPage<WorkflowRunDto>(items, ApiV1.NextCursor(items, take, r => r.Id)));
    }
}
