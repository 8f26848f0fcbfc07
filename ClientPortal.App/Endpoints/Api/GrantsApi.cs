using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClientPortal.App.Endpoints.Api;

public sealed record GrantDto(long Id, long OfferId, string Offer, GrantState State, DateTime GrantedAt,
    string? GrantedBy, DateTime? ExpiresAt,
    DateTime? RevokedAt, string? RevokedBy);

/// <summary>Grants an offer; with an expiry (UTC) the access ends then. Granting a held offer again changes only its
/// expiry.</summary>
public sealed record GrantRequest(long OfferId, DateTime? ExpiresAt = null);

public static class GrantsApi
{
    public static RouteGroupBuilder MapGrantsApi(this RouteGroupBuilder api)
    {
        var grants = api.MapGroup("/contacts/{contactId:long}/grants").WithTags("Grants");
        grants.MapGet("/", ListGrantsAsync).WithName("ListGrants")
            .WithSummary("List a contact's grants, current and past")
            .RequireScope(ApiScopes.ContactsRead);
        grants.MapPost("/", GrantOfferAsync).WithName("GrantOffer").WithSummary("Grant an offer to a contact")
            .RequireScope(ApiScopes.GrantsWrite).WithIdempotency();
        grants.MapDelete("/{offerId:long}", RevokeOfferAsync).WithName("RevokeOffer")
            .WithSummary("Revoke a contact's offer")
            .RequireScope(ApiScopes.GrantsWrite);
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<GrantDto>>,
        ProblemHttpResult>> ListGrantsAsync(long contactId, ContactDirectory contacts,
        AccessGrants access, CancellationToken ct)
    {
        if (await contacts.GetAsync(contactId, ct) is null) return ApiV1.NotFound($"There is no contact #{contactId}.");
        return TypedResults.Ok<IReadOnlyList<GrantDto>>((await access.GrantsOfAsync(contactId, ct)).Select(Dto)
            .ToList());
    }

    public static async Task<Results<Ok<GrantDto>,
        ProblemHttpResult>> GrantOfferAsync(long contactId, GrantRequest body,
        ContactDirectory contacts, AccessGrants access, HttpContext http, CancellationToken ct)
    {
        if (await contacts.GetAsync(contactId, ct) is null) return ApiV1.NotFound($"There is no contact #{contactId}.");
        if (!await access.OfferExistsAsync(body.OfferId, ct)) return ApiV1.Invalid("offerId",
            $"There is no offer #{body.OfferId}.");
        var result = await access.GrantAsync(contactId, body.OfferId, body.ExpiresAt, ApiV1.Actor(http), ct: ct);
        // What is left to refuse is the expiry (the contact or offer can only have gone meanwhile).
        if (!result.Succeeded) return ApiV1.Invalid("expiresAt", result.ErrorText);
        var grant = (await access.GrantsOfAsync(contactId, ct))
            .First(g => g.OfferId == body.OfferId && g.RevokedAt is null);
        return TypedResults.Ok(Dto(grant));
    }

    public static async Task<Results<NoContent,
        ProblemHttpResult>> RevokeOfferAsync(long contactId, long offerId, ContactDirectory contacts,
        AccessGrants access, HttpContext http, CancellationToken ct)
    {
        if (await contacts.GetAsync(contactId, ct) is null) return ApiV1.NotFound($"There is no contact #{contactId}.");
        await access.RevokeAsync(contactId, offerId, ApiV1.Actor(http), ct: ct);
        return TypedResults.NoContent();
    }

    private static GrantDto Dto(GrantRow g) =>
        new(g.GrantId, g.OfferId, g.OfferName, g.State, g.GrantedAt, g.GrantedBy, g.ExpiresAt, g.RevokedAt,
        g.RevokedBy);
}
