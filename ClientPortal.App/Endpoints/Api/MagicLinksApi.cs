using ClientPortal.App.Features.MagicLinks;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClientPortal.App.Endpoints.Api;

/// <param name="Section">Where the link lands: home, courses, course:ID, communities or affiliates (home by
/// default).</param>
/// <param name="Policy">singleUse or reusableUntilExpiry (the portal's default when missing).</param>
/// <param name="LifetimeMinutes">5 to 43,200 (30 days); the portal's setting for generated links when missing.</param>
public sealed record MagicLinkRequest(string? Section = null, LinkUsePolicy? Policy = null,
    int? LifetimeMinutes = null);

public sealed record MagicLinkDto(long Id, string Url, DateTime ExpiresAt, string Section, LinkUsePolicy Policy);

public sealed record RevokedLinks(int Revoked);

public static class MagicLinksApi
{
    public static RouteGroupBuilder MapMagicLinksApi(this RouteGroupBuilder api)
    {
        var links = api.MapGroup("/contacts/{contactId:long}/magic-links").WithTags("Magic links");
        links.MapPost("/", IssueLinkAsync).WithName("IssueMagicLink")
            .WithSummary("Make a magic link for a contact (the URL is shown only in this answer)")
            .RequireScope(ApiScopes.LinksWrite).WithIdempotency(LinkStillValidAsync);
        links.MapDelete("/", RevokeLinksAsync).WithName("RevokeMagicLinks")
            .WithSummary("Revoke all of a contact's magic links")
            .RequireScope(ApiScopes.LinksWrite);
        return api;
    }

    public static async Task<Results<Created<MagicLinkDto>,
        ProblemHttpResult>> IssueLinkAsync(long contactId, MagicLinkRequest body,
        MagicLinkIssuing links, Features.Contacts.ContactDirectory contacts, HttpContext http, CancellationToken ct)
    {
        if (await contacts.GetAsync(contactId, ct) is null) return ApiV1.NotFound($"There is no contact #{contactId}.");
        var issued = await links.IssueAsync(new LinkRequest(contactId, null, MagicLinkPurpose.AdminGenerated,
            body.Section, body.Policy,
            body.LifetimeMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null), ApiV1.Actor(http), ct);
        if (!issued.Succeeded) return ApiV1.Refused(issued);
        var link = issued.Value!;
        return TypedResults.Created((string?)null,
            new MagicLinkDto(link.Id, link.Url, link.ExpiresAt, link.Section.Text, link.Policy));
    }

    /// <summary>A replay hands the link out again only while it works; otherwise it answers as the dead link
    /// would.</summary>
    private static async Task<IResult?> LinkStillValidAsync(HttpContext http, System.Text.Json.JsonElement stored)
    {
        var state = await http.RequestServices.GetRequiredService<MagicLinkQueries>()
            .StateAsync(stored.GetProperty("id").GetInt64(), http.RequestAborted);
        return state == LinkState.Valid ? null : TypedResults.Problem(statusCode: StatusCodes.Status410Gone,
            title: "Link no longer valid",
            detail: $"The link this request made {LinkStates.Describe(state)}. Make a new one with a new " +
                $"Idempotency-Key.");
    }

    public static async Task<Results<Ok<RevokedLinks>,
        ProblemHttpResult>> RevokeLinksAsync(long contactId, MagicLinkIssuing links,
        Features.Contacts.ContactDirectory contacts, HttpContext http, CancellationToken ct)
    {
        if (await contacts.GetAsync(contactId, ct) is null) return ApiV1.NotFound($"There is no contact #{contactId}.");
        return TypedResults.Ok(new RevokedLinks(await links.RevokeAllForContactAsync(contactId, ApiV1.Actor(http),
            ct)));
    }
}
