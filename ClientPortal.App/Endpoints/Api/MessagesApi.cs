using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClientPortal.App.Endpoints.Api;

/// <summary>The contacts grid's filter: every contact matching all given parts.</summary>
public sealed record ContactFilter(string? Search = null, PortalStatus? Status = null, string? Tag = null,
    long? OfferId = null);

/// <summary>
/// Recipients by id, by email (invites only: unknown addresses become contacts) or by filter; any combination. At most
/// <see cref="MessagesApi.MaxNamed"/> ids and as many emails in one call: a filter names any number.
/// </summary>
public sealed record SendRequest(IReadOnlyList<long>? ContactIds = null, IReadOnlyList<string>? Emails = null,
    ContactFilter? Filter = null,
    string? Section = null);

/// <param name="JobId">Null when nobody was left to send to.</param>
public sealed record SendAccepted(Guid? JobId, int Recipients, IReadOnlyList<string> Created,
    IReadOnlyList<string> Invalid,
    IReadOnlyList<string> AlreadyActive);

public sealed record JobDto(Guid Id, BulkJobKind Kind, int Total, int Done, int Skipped, int Failed, bool Completed,
    DateTime CreatedAt,
    DateTime? CompletedAt);

public static class MessagesApi
{
    public const int MaxNamed = 1_000;

    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("").WithTags("Invites and login emails");
        messages.MapPost("/invites", SendInvitesAsync).WithName("SendInvites")
            .WithSummary("Invite contacts to the portal (a background job; active contacts are skipped)")
                .RequireScope(ApiScopes.MessagesSend)
            .WithIdempotency();
        messages.MapPost("/login-emails", SendLoginEmailsAsync).WithName("SendLoginEmails")
            .WithSummary("Email contacts a sign-in link (a background job)").RequireScope(ApiScopes.MessagesSend)
                .WithIdempotency();
        messages.MapGet("/jobs/{jobId:guid}", GetJobAsync).WithName("GetJob").WithSummary("A send job's progress")
            .RequireScope(ApiScopes.MessagesSend);
        return api;
    }

    public static async Task<Results<Accepted<SendAccepted>,
        ProblemHttpResult>> SendInvitesAsync(SendRequest body, BulkSends sends,
        ContactDirectory contacts, HttpContext http, CancellationToken ct)
    {
        if (Empty(body)) return ApiV1.Invalid("contactIds", "Name the recipients: contactIds, emails or a filter.");
        if (TooMany(body) is { } tooMany) return tooMany;
        var plan = await sends.StartInviteAsync(await IdsAsync(body, contacts, ct), string.Join(",", body.Emails ?? []),
            ApiV1.Actor(http),
            body.Section, ct);
        return Accepted(plan.JobId,
            new SendAccepted(plan.JobId, plan.Recipients, plan.Created, plan.Invalid, plan.AlreadyActive));
    }

    public static async Task<Results<Accepted<SendAccepted>,
        ProblemHttpResult>> SendLoginEmailsAsync(SendRequest body, BulkSends sends,
        ContactDirectory contacts, HttpContext http, CancellationToken ct)
    {
        if (Empty(body)) return ApiV1.Invalid("contactIds", "Name the recipients: contactIds or a filter.");
        if (TooMany(body) is { } tooMany) return tooMany;
        if (body.Emails is { Count: > 0 }) return ApiV1.Invalid("emails",
            "Login emails go to contacts: use contactIds or a filter.");
        var ids = await IdsAsync(body, contacts, ct);
        var job = await sends.StartLoginEmailsAsync(ids, ApiV1.Actor(http), body.Section, ct);
        return Accepted(job, new SendAccepted(job, job is null ? 0 : ids.Count, [], [], []));
    }

    public static async Task<Results<Ok<JobDto>,
        ProblemHttpResult>> GetJobAsync(Guid jobId, BulkSends sends, CancellationToken ct) =>
        await sends.ProgressAsync(jobId, ct) is { } p
            ? TypedResults.Ok(new JobDto(p.JobId, p.Kind, p.Total, p.Done, p.Skipped, p.Failed, p.Completed,
                p.CreatedAt,
                p.CompletedAt))
            : ApiV1.NotFound($"There is no job {jobId}.");

    private static ProblemHttpResult? TooMany(SendRequest body) =>
        body.ContactIds?.Count > MaxNamed ? ApiV1.Invalid("contactIds",
            $"At most {MaxNamed:N0} contactIds in one call; use a filter for more.")
        : body.Emails?.Count > MaxNamed ? ApiV1.Invalid("emails",
            $"At most {MaxNamed:N0} emails in one call; send the rest in further calls.")
        : null;

    private static bool Empty(SendRequest body) => body.ContactIds is not { Count: > 0 }
        && body.Emails is not { Count: > 0 } && body.Filter is null;

    /// <summary>The named ids that are live contacts, with the filter's matches.</summary>
    private static async Task<List<long>> IdsAsync(SendRequest body, ContactDirectory contacts, CancellationToken ct)
    {
        var ids = new List<long>();
        if (body.ContactIds is { Count: > 0 } named)
            ids.AddRange(await contacts.LiveIdsAsync(named, ct));
        if (body.Filter is { } f) ids.AddRange(await contacts.IdsAsync(new ContactQuery(f.Search, f.Status, f.Tag,
            f.OfferId), ct));
        return ids.Distinct().ToList();
    }

    private static Accepted<SendAccepted> Accepted(Guid? job, SendAccepted answer) =>
        TypedResults.Accepted(job is { } id ? $"{ApiV1.Prefix}/jobs/{id}" : null, answer);
}
