using ClientPortal.App.Endpoints.Api;
using ClientPortal.App.Features.Workflows;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClientPortal.App.Endpoints;

/// <summary>A workflow's inbound URL: the secret in the path is the credential (no key, no cookie, no antiforgery: a
/// server posts).</summary>
public static class InboundWorkflowEndpoints
{
    public const string PathPrefix = WorkflowInbound.PathPrefix;
    /// <summary>An inbound call names one contact: its body is small.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapInboundWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(PathPrefix + "/{token}", StartWorkflowAsync).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Accepted<InboundStarted>,
        ProblemHttpResult>> StartWorkflowAsync(string token, InboundCall body,
        WorkflowInbound inbound, CancellationToken ct)
    {
        var (refusal, outcome) = await inbound.TriggerAsync(token, body, ct);
        return refusal switch
        {
            InboundRefusal.None => TypedResults.Accepted((string?)null, outcome.Value),
            InboundRefusal.UnknownUrl => ApiV1.NotFound(outcome.ErrorText),
            InboundRefusal.NotListening => ApiV1.Refused(outcome, StatusCodes.Status409Conflict),
            _ => ApiV1.Refused(outcome, StatusCodes.Status422UnprocessableEntity),
        };
    }
}
