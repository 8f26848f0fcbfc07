using ClientPortal.App.Features.ApiKeys;
using ClientPortal.App.Features.Webhooks;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClientPortal.App.Endpoints.Api;

/// <param name="Events">Public event names: contact.created, portal.joined, offer.granted, …</param>
/// <param name="Enabled">False pauses deliveries (events meanwhile are not delivered later); a subscription made paused
/// starts paused.</param>
public sealed record WebhookRequest(string Url, IReadOnlyList<string> Events, bool Enabled = true);

/// <param name="Secret">The signing secret (whsec_…, for a Standard Webhooks library and X-Portal-Signature); only in
/// the answer that created the webhook.</param>
public sealed record WebhookDto(long Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime CreatedAt,
    int Pending, int Failed,
    string? Secret = null);

public sealed record DeliveryDto(long Id, long EventId, string EventType, WebhookDeliveryStatus Status, int Attempts,
    int? LastStatusCode,
    string? LastError, DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? DeliveredAt);

public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        hooks.MapGet("/", ListWebhooksAsync).WithName("ListWebhooks").WithSummary("List webhook subscriptions")
            .RequireScope(ApiScopes.WebhooksWrite);
        hooks.MapPost("/", CreateWebhookAsync).WithName("CreateWebhook")
            .WithSummary("Subscribe an address to events (the answer holds its signing secret)")
            .RequireScope(ApiScopes.WebhooksWrite).WithIdempotency(WebhookStillThereAsync);
        hooks.MapPut("/{id:long}", UpdateWebhookAsync).WithName("UpdateWebhook")
            .WithSummary("Change a webhook subscription")
            .RequireScope(ApiScopes.WebhooksWrite);
        hooks.MapDelete("/{id:long}", DeleteWebhookAsync).WithName("DeleteWebhook")
            .WithSummary("Remove a webhook subscription")
            .RequireScope(ApiScopes.WebhooksWrite);
        hooks.MapGet("/{id:long}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The newest deliveries (the delivery log)")
            .RequireScope(ApiScopes.WebhooksWrite);
        hooks.MapPost("/{id:long}/deliveries/{deliveryId:long}/redeliver", RedeliverAsync).WithName("RedeliverWebhook")
            .WithSummary("Send a delivery again now (same delivery id)").RequireScope(ApiScopes.WebhooksWrite);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<WebhookDto>>> ListWebhooksAsync(WebhookSubscriptions webhooks,
        HttpContext http, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<WebhookDto>>((await webhooks.ListAsync(ApiV1.Actor(http), ct)).Select(w => Dto(w))
            .ToList());

    public static async Task<Results<Created<WebhookDto>,
        ProblemHttpResult>> CreateWebhookAsync(WebhookRequest body, WebhookSubscriptions webhooks,
        HttpContext http, CancellationToken ct)
    {
        if (ScopeRefusal(body, http) is { } refused) return refused;
        var made = await webhooks.CreateAsync(body.Url, body.Events, ApiV1.Actor(http), body.Enabled, ct);
        if (!made.Succeeded) return ApiV1.Refused(made);
        return TypedResults.Created($"{ApiV1.Prefix}/webhooks/{made.Value!.Id}", Dto(made.Value, withSecret: true));
    }

    public static async Task<Results<Ok<WebhookDto>,
        ProblemHttpResult>> UpdateWebhookAsync(long id, WebhookRequest body, WebhookSubscriptions webhooks,
        HttpContext http, CancellationToken ct)
    {
        if (await webhooks.GetAsync(id, ApiV1.Actor(http),
            ct) is null) return ApiV1.NotFound($"There is no webhook #{id}.");
        if (ScopeRefusal(body, http) is { } refused) return refused;
        var changed = await webhooks.UpdateAsync(id, body.Url, body.Events, body.Enabled, ApiV1.Actor(http), ct);
        return changed.Succeeded ? TypedResults.Ok(Dto((await webhooks.GetAsync(id, ApiV1.Actor(http), ct))!))
            : ApiV1.Refused(changed);
    }

    public static async Task<Results<NoContent,
        ProblemHttpResult>> DeleteWebhookAsync(long id, WebhookSubscriptions webhooks, HttpContext http,
        CancellationToken ct)
    {
        if (await webhooks.GetAsync(id, ApiV1.Actor(http),
            ct) is null) return ApiV1.NotFound($"There is no webhook #{id}.");
        var deleted = await webhooks.DeleteAsync(id, ApiV1.Actor(http), ct);
        return deleted.Succeeded ? TypedResults.NoContent() : ApiV1.Refused(deleted);
    }

    public static async Task<Results<Ok<IReadOnlyList<DeliveryDto>>,
        ProblemHttpResult>> ListDeliveriesAsync(long id, WebhookSubscriptions webhooks,
        HttpContext http, CancellationToken ct)
    {
        if (await webhooks.GetAsync(id, ApiV1.Actor(http),
            ct) is null) return ApiV1.NotFound($"There is no webhook #{id}.");
        return TypedResults.Ok<IReadOnlyList<DeliveryDto>>((await webhooks.DeliveriesAsync(id, 50, ct))
            .Select(d => new DeliveryDto(d.Id, d.EventId,
            d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.LastAttemptAt,
                d.DeliveredAt)).ToList());
    }

    public static async Task<Results<Accepted,
        ProblemHttpResult>> RedeliverAsync(long id, long deliveryId, WebhookSubscriptions webhooks,
        HttpContext http, CancellationToken ct)
    {
        var again = await webhooks.RedeliverAsync(id, deliveryId, ApiV1.Actor(http), ct);
        return again.Succeeded ? TypedResults.Accepted((string?)null) : ApiV1.NotFound(again.ErrorText);
    }

    /// <summary>A replay hands the signing secret out again only while the subscription exists and is the
    /// key's.</summary>
    private static async Task<IResult?> WebhookStillThereAsync(HttpContext http, System.Text.Json.JsonElement stored) =>
        await http.RequestServices.GetRequiredService<WebhookSubscriptions>()
            .GetAsync(stored.GetProperty("id").GetInt64(), ApiV1.Actor(http),
            http.RequestAborted) is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Webhook removed",
                detail: "The webhook this request made was removed since. Make a new one with a new Idempotency-Key.")
            : null;

    /// <summary>A key subscribes only to events it may read.</summary>
    private static ProblemHttpResult? ScopeRefusal(WebhookRequest body, HttpContext http) =>
        WebhookSubscription.ScopeProblems(body.Events,
            ApiKeyAuthenticationHandler.CallerOf(http.User)!.Scopes) is { Count: > 0 } problems
            ? ApiV1.Refused(Outcome.Invalid(problems), StatusCodes.Status403Forbidden) : null;

    private static WebhookDto Dto(WebhookRow w, bool withSecret = false) =>
        new(w.Id, w.Url, w.Events, w.Enabled, w.CreatedAt, w.Pending, w.Failed, withSecret ? w.Secret : null);
}
