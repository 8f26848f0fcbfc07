using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClientPortal.App.Endpoints.Api;

public sealed record ContactDto(long Id, string Email, string? FirstName, string? LastName, string? Phone,
    PortalStatus Status,
    IReadOnlyList<string> Tags, DateTime CreatedAt, DateTime? InvitedAt, DateTime? LastAccessAt);

/// <summary>Creates or updates the contact with this email: given fields replace theirs, tags are added.</summary>
public sealed record ContactUpsert(string Email, string? FirstName = null, string? LastName = null,
    string? Phone = null,
    IReadOnlyList<string>? Tags = null);

public sealed record TagsChange(IReadOnlyList<string> Tags);

public static class ContactsApi
{
    public static RouteGroupBuilder MapContactsApi(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/", ListContactsAsync).WithName("ListContacts")
            .WithSummary("List contacts (the contacts grid's filters)")
            .RequireScope(ApiScopes.ContactsRead);
        contacts.MapGet("/{id:long}", GetContactAsync).WithName("GetContact").WithSummary("Get a contact")
            .RequireScope(ApiScopes.ContactsRead);
        contacts.MapPost("/", UpsertContactAsync).WithName("UpsertContact")
            .WithSummary("Create or update a contact by email")
            .RequireScope(ApiScopes.ContactsWrite).WithIdempotency();
        contacts.MapPost("/{id:long}/tags", AddTagsAsync).WithName("AddContactTags")
            .WithSummary("Add tags to a contact")
            .RequireScope(ApiScopes.ContactsWrite);
        contacts.MapDelete("/{id:long}/tags/{tag}", RemoveTagAsync).WithName("RemoveContactTag")
            .WithSummary("Remove a tag from a contact")
            .RequireScope(ApiScopes.ContactsWrite);
        return api;
    }

    /// <param name="status">none (never invited), invited or active.</param>
    public static async Task<Results<Ok<ApiPage<ContactDto>>,
        ProblemHttpResult>> ListContactsAsync(ContactDirectory directory,
        string? search, string? status, string? tag, long? offerId, string? cursor, int? limit, CancellationToken ct)
    {
        if (ApiV1.Paging(cursor, limit, out var after, out var take) is { } problem) return problem;
        if (ApiV1.Word<PortalStatus>(nameof(status), status, out var portalStatus) is { } badStatus) return badStatus;
        var page = await directory.SearchAsync(new ContactQuery(search, portalStatus, tag, offerId, ContactSort.Created,
            Descending: false,
            Take: take, AfterId: after), ct);
        var items = page.Items.Select(r =>
            new ContactDto(r.Id, r.Email, r.FirstName, r.LastName, null, r.Status, r.Tags, r.CreatedAt,
            r.InvitedAt, r.LastAccessAt)).ToList();
        return TypedResults.Ok(new ApiPage<ContactDto>(items, ApiV1.NextCursor(items, take, c => c.Id)));
    }

    public static async Task<Results<Ok<ContactDto>,
        ProblemHttpResult>> GetContactAsync(long id, ContactDirectory directory, CancellationToken ct) =>
        await directory.GetAsync(id, ct) is { } contact ? TypedResults.Ok(Dto(contact))
            : ApiV1.NotFound($"There is no contact #{id}.");

    public static async Task<Results<Created<ContactDto>, Ok<ContactDto>,
        ProblemHttpResult>> UpsertContactAsync(ContactUpsert body,
        ContactDirectory directory, HttpContext http, CancellationToken ct)
    {
        var result = await directory.UpsertAsync(new ContactDetails(body.Email, body.FirstName, body.LastName,
            body.Phone, body.Tags),
            ApiV1.Actor(http), ct);
        if (!result.Succeeded) return ApiV1.Refused(result);
        var (contact, created) = result.Value;
        var dto = Dto(await directory.GetAsync(contact.Id, ct) ?? contact);
        return created ? TypedResults.Created($"{ApiV1.Prefix}/contacts/{dto.Id}", dto) : TypedResults.Ok(dto);
    }

    public static async Task<Results<Ok<ContactDto>,
        ProblemHttpResult>> AddTagsAsync(long id, TagsChange body, ContactDirectory directory,
        HttpContext http, CancellationToken ct)
    {
        if (await directory.GetAsync(id, ct) is not { } contact) return ApiV1.NotFound($"There is no contact #{id}.");
        if (body.Tags.Count == 0
            || body.Tags.Any(t => ContactTags.Normalize(t).Length == 0)) return ApiV1.Invalid("tags",
            "Name at least one tag.");
        if (new ContactDetails(contact.Email, null, null, null, body.Tags).Check() is { Count: > 0 } problems)
            return ApiV1.Refused(Domain.Outcome.Invalid(problems));
        if (ContactTags.CeilingProblem(contact.Tags.Select(t => t.Tag).ToList(),
            body.Tags) is { } ceiling) return ApiV1.Invalid("tags", ceiling);
        foreach (var tag in body.Tags) await directory.TagAsync([id], tag, add: true, ApiV1.Actor(http), ct);
        return TypedResults.Ok(Dto((await directory.GetAsync(id, ct))!));
    }

    public static async Task<Results<Ok<ContactDto>,
        ProblemHttpResult>> RemoveTagAsync(long id, string tag, ContactDirectory directory,
        HttpContext http, CancellationToken ct)
    {
        if (await directory.GetAsync(id, ct) is null) return ApiV1.NotFound($"There is no contact #{id}.");
        await directory.TagAsync([id], tag, add: false, ApiV1.Actor(http), ct);
        return TypedResults.Ok(Dto((await directory.GetAsync(id, ct))!));
    }

    internal static ContactDto Dto(Contact c) => new(c.Id, c.Email, c.FirstName, c.LastName, c.Phone, c.PortalStatus,
        c.Tags.Select(t => t.Tag).Order().ToList(), c.CreatedAt, c.InvitedAt, c.LastAccessAt);
}
