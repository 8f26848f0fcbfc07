using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClientPortal.App.Features.ApiKeys;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Api.Generated;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GrantState = ClientPortal.Tests.Api.Generated.GrantState;
using LinkUsePolicy = ClientPortal.Tests.Api.Generated.LinkUsePolicy;

namespace ClientPortal.Tests.Api.Web;

public class ApiPortalFactory(params KeyValuePair<string, string>[] settings) : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => settings;

    public async Task<string> KeyAsync(string name, params string[] scopes) =>
        (await Services.GetRequiredService<ApiKeys>().CreateAsync(name, scopes, Actor.System("command line")))
            .Value.Token;

    public HttpClient ApiClient(string? key)
    {
        var client = NewClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public PortalApiClient Generated(string key) => new(ApiClient(key));

    public async Task<int> CountAsync<T>(Func<PortalDbContext, IQueryable<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync();
        return await query(db).CountAsync();
    }
}

/// <summary>The API portal with its defaults, shared by the independent tests of a class.</summary>
public sealed class SharedApiPortal() : ApiPortalFactory();

/// <summary>The integration API over HTTP on the real app: document, keys and scopes, problems, idempotency, paging,
/// limits.</summary>
public class ApiWebTests : IDisposable
{
    private readonly ApiPortalFactory _factory = new();
    private readonly PortalData _data;

    public ApiWebTests() => _data = new PortalData(_factory.Services);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_served_document_is_the_one_the_tests_client_was_generated_from()
    {
        var served = await _factory.NewClient().GetStringAsync("/api/v1/openapi.json");
        var kept = Path.Combine(AppContext.BaseDirectory, "Api", "openapi.json");
        if (Environment.GetEnvironmentVariable("PORTAL_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(Path.Combine(SourceDirectory(), "Api", "openapi.json"), served);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(await File.ReadAllTextAsync(kept))),
            "The API's OpenAPI document changed: refresh the client's copy with " +
            "`PORTAL_UPDATE_OPENAPI=1 dotnet test ClientPortal.Tests --filter The_served_document`, then rebuild.");
        var doc = JsonNode.Parse(served)!;
        Assert.Equal("3.0.4", (string?)doc["openapi"]);
        Assert.Equal("bearer", (string?)doc["components"]!["securitySchemes"]!["apiKey"]!["scheme"]);
        // Only the API is described, and each POST that grants, sends or creates takes an Idempotency-Key.
        Assert.All(doc["paths"]!.AsObject(), p => Assert.StartsWith("/api/v1/", p.Key));
        var grant = doc["paths"]!["/api/v1/contacts/{contactId}/grants"]!["post"]!;
        Assert.Contains(grant["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key");
        // The reference page is served, and loads no inline script (the portal's CSP forbids it).
        var reference = await _factory.NewClient().GetStringAsync("/api/v1/reference/index.html");
        Assert.DoesNotMatch("<script>|<script type=\"module\">", reference);
    }

    [Fact]
    public async Task The_served_document_passes_Redoclys_recommended_rules()
    {
        var served = await _factory.NewClient().GetStringAsync("/api/v1/openapi.json");
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "openapi.json");
        await File.WriteAllTextAsync(file, served);
        var (exit, output) = await ClientPortal.Testing.NodeTools.RunAsync(TimeSpan.FromMinutes(2),
            ClientPortal.Testing.NodeTools.Module("@redocly/cli/bin/cli.js"), "lint", file, "--format=stylish");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task The_generated_client_upserts_a_contact_grants_an_offer_and_issues_a_link()
    {
        var (_, offer) = await _data.CourseWithOfferAsync("Pottery Basics");
        var api = _factory.Generated(await _factory.KeyAsync("Checkout", ApiScopes.ContactsRead,
            ApiScopes.ContactsWrite,
            ApiScopes.GrantsWrite,
            ApiScopes.LinksWrite));

        var created = await api.UpsertContactAsync(null,
            new ContactUpsert { Email = "Buyer@Example.com", FirstName = "Bea", Tags = ["checkout"] });
        Assert.Equal("Bea", created.FirstName);
        // Upsert again: the same contact, a given field replaced, a missing one kept, tags added.
        var updated = await api.UpsertContactAsync(null,
            new ContactUpsert { Email = "buyer@example.com", LastName = "Stone", Tags = ["vip"] });
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal(("Bea", "Stone"), (updated.FirstName, updated.LastName));
        Assert.Equal(["checkout", "vip"], updated.Tags);

        var expires = DateTimeOffset.UtcNow.AddDays(30);
        var grant = await api.GrantOfferAsync(created.Id, null,
            new GrantRequest { OfferId = offer, ExpiresAt = expires });
        Assert.Equal(GrantState.Active, grant.State);
        Assert.Equal("API key “Checkout”", grant.GrantedBy);
        Assert.Equal(expires.UtcDateTime, grant.ExpiresAt!.Value.UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Single(await api.ListGrantsAsync(created.Id));
        Assert.Single((await api.ListContactsAsync(null, null, null, offer, null, null)).Items);

        var link = await api.IssueMagicLinkAsync(created.Id, null,
            new MagicLinkRequest { Section = "courses", LifetimeMinutes = 60 });
        Assert.Matches(@"^https://portal\.example\.test/l/[A-Za-z0-9_-]{43}$", link.Url);
        Assert.Equal(LinkUsePolicy.SingleUse, link.Policy);
        Assert.InRange(link.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(1, (await api.RevokeMagicLinksAsync(created.Id)).Revoked);

        await api.RevokeOfferAsync(created.Id, offer);
        Assert.Equal(GrantState.Revoked, (await api.ListGrantsAsync(created.Id)).Single().State);

        // Every change is in the audit trail under the key's name.
        var actions = await _factory.CountAsync(db => db.AuditEvents.Where(a => a.ActorName == "API key “Checkout”"));
        Assert.True(actions >= 5, $"{actions} audit rows under the key's name");
    }

    [Fact]
    public async Task Each_scope_is_enforced()
    {
        var (_, offer) = await _data.CourseWithOfferAsync("Scoped Course");
        var contact = await _data.ContactAsync("scoped@example.com");
        var reader = await _factory.KeyAsync("Reader", ApiScopes.ContactsRead);
        var client = _factory.ApiClient(reader);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/contacts")).StatusCode);
        var refused = await client.PostAsJsonAsync($"/api/v1/contacts/{contact}/grants", new { offerId = offer });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("grants:write", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await _factory.CountAsync(db => db.Grants.Where(g => g.ContactId == contact)));
        foreach (var (method, path) in new[] { ("POST", "/api/v1/contacts"), ("POST", "/api/v1/login-emails"),
            ("GET", "/api/v1/events"),
                     ("POST", $"/api/v1/contacts/{contact}/magic-links"), ("GET", "/api/v1/webhooks") })
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method),
                path) { Content = JsonContent.Create(new { }) });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_missing_unknown_or_revoked_key_is_refused_at_once()
    {
        var client = _factory.ApiClient(await _factory.KeyAsync("Revoked reader", ApiScopes.ContactsRead));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/contacts")).StatusCode);

        var none = await _factory.ApiClient(null).GetAsync("/api/v1/contacts");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await _factory.ApiClient("cpk_" + new string('a', 43)).GetAsync("/api/v1/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.ApiClient("not-a-key").GetAsync("/api/v1/contacts"))
            .StatusCode);

        var keys = _factory.Services.GetRequiredService<ApiKeys>();
        var row = (await keys.ListAsync()).Single(k => k.Name == "Revoked reader");
        Assert.NotNull(row.LastUsedAt);
        Assert.True((await keys.RevokeAsync(row.Id, PortalData.Admin)).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/contacts")).StatusCode);
        // A team member's cookie is no key: the API answers only to keys.
        Assert.False((await keys.RevokeAsync(row.Id, new Actor("s", "staff@example.com", Roles.Staff))).Succeeded);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_gives_one_grant_and_one_email()
    {
        var (_, offer) = await _data.CourseWithOfferAsync("Once Course");
        var contact = await _data.ContactAsync("once@example.com");
        var client = _factory.ApiClient(await _factory.KeyAsync("Retrier", ApiScopes.GrantsWrite,
            ApiScopes.MessagesSend));

        HttpRequestMessage Post(string path, object body, string key) =>
            new(HttpMethod.Post, path) { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };
        var first = await client.SendAsync(Post($"/api/v1/contacts/{contact}/grants", new { offerId = offer },
            "grant-1"));
        var second = await client.SendAsync(Post($"/api/v1/contacts/{contact}/grants", new { offerId = offer },
            "grant-1"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1,
            await _factory.CountAsync(db =>
            db.AuditEvents.Where(a => a.Action == "grant.add" && a.ContactId == contact)));

        var email1 = await client.SendAsync(Post("/api/v1/login-emails", new { contactIds = new[] { contact } },
            "email-1"));
        var email2 = await client.SendAsync(Post("/api/v1/login-emails", new { contactIds = new[] { contact } },
            "email-1"));
        Assert.Equal(HttpStatusCode.Accepted, email1.StatusCode);
        Assert.Equal(await email1.Content.ReadAsStringAsync(), await email2.Content.ReadAsStringAsync());
        Assert.Equal(1, await _factory.CountAsync(db => db.BulkJobs));
        var job = JsonDocument.Parse(await email1.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId")
            .GetString();
        Assert.Equal($"/api/v1/jobs/{job}", email1.Headers.Location?.OriginalString);

        // The same key with another request is refused, and changes nothing.
        var reused = await client.SendAsync(Post("/api/v1/login-emails",
            new { contactIds = new[] { contact, contact + 1 } }, "email-1"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(1, await _factory.CountAsync(db => db.BulkJobs));
        // Without a key, a second call is a second send.
        await client.PostAsJsonAsync("/api/v1/login-emails", new { contactIds = new[] { contact } });
        Assert.Equal(2, await _factory.CountAsync(db => db.BulkJobs));
    }

    [Fact]
    public async Task
        A_stored_answer_holds_no_link_in_plain_text_and_its_replay_after_revocation_answers_as_the_revoked_link()
    {
        var contact = await _data.ContactAsync("stored@example.com");
        var client = _factory.ApiClient(await _factory.KeyAsync("Linker", ApiScopes.LinksWrite));
        HttpRequestMessage Issue() => new(HttpMethod.Post, $"/api/v1/contacts/{contact}/magic-links")
        {
            Content = JsonContent.Create(new { section = "courses" }), Headers = { { "Idempotency-Key", "link-1" } },
        };
        var first = await client.SendAsync(Issue());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var url = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("url")
            .GetString()!;
        var token = url[(url.LastIndexOf('/') + 1)..];

        // At rest: neither the URL nor its token, in any encoding a reader of the database or a backup would try.
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync())
        {
            var stored = await db.IdempotentRequests.SingleAsync(r => r.Key == "link-1");
            var text = Encoding.UTF8.GetString(stored.Body) + Encoding.Latin1.GetString(stored.Body);
            Assert.DoesNotContain(token, text);
            Assert.DoesNotContain("magic", text);
        }
        // A replay while the link works: the same answer.
        var replay = await client.SendAsync(Issue());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());

        // Revoked since: the replay no longer hands the URL out.
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/contacts/{contact}/magic-links"))
            .StatusCode);
        var afterRevoke = await client.SendAsync(Issue());
        Assert.Equal(HttpStatusCode.Gone, afterRevoke.StatusCode);
        var body = await afterRevoke.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, body);
        Assert.Contains("was revoked", body);
    }

    [Fact]
    public async Task A_webhook_secret_is_not_stored_in_plain_text_with_its_idempotent_answer()
    {
        using var factory = new ApiPortalFactory(new KeyValuePair<string,
            string>("Portal:Webhooks:AllowPrivateNetworks", "true"));
        var client = factory.ApiClient(await factory.KeyAsync("Hooker", ApiScopes.WebhooksWrite,
            ApiScopes.ContactsRead));
        var made = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks")
        {
            Content = JsonContent.Create(new { url = "http://127.0.0.1:9/h", events = new[] { "contact.created" } }),
            Headers = { { "Idempotency-Key", "hook-1" } },
        });
        var secret = JsonDocument.Parse(await made.Content.ReadAsStringAsync()).RootElement.GetProperty("secret")
            .GetString()!;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync();
        var stored = await db.IdempotentRequests.SingleAsync(r => r.Key == "hook-1");
        Assert.DoesNotContain(secret["whsec_".Length..], Encoding.UTF8.GetString(stored.Body));
    }

    [Fact]
    public async Task A_key_whose_first_request_never_answered_runs_afresh_once_that_request_is_surely_gone()
    {
        var (_, offer) = await _data.CourseWithOfferAsync("Restart Course");
        var contact = await _data.ContactAsync("restart@example.com");
        var key = await _factory.KeyAsync("Restarted", ApiScopes.GrantsWrite);
        var client = _factory.ApiClient(key);
        HttpRequestMessage Grant() => new(HttpMethod.Post, $"/api/v1/contacts/{contact}/grants")
        {
            Content = JsonContent.Create(new { offerId = offer }), Headers = { { "Idempotency-Key", "cut-off" } },
        };
        // The first call registers its key and is cut off before it answers (as by a crash): meanwhile, "still
        // running".
        var started = await client.SendAsync(Grant());
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync())
            await db.IdempotentRequests.Where(r => r.Key == "cut-off")
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, 0));
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(Grant())).StatusCode);

        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync())
            await db.IdempotentRequests.Where(r => r.Key == "cut-off").ExecuteUpdateAsync(s =>
                s.SetProperty(r => r.CreatedAt,
                    DateTime.UtcNow - IdempotentRequest.LongestRun - TimeSpan.FromMinutes(1)));
        var retried = await client.SendAsync(Grant());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await _factory.CountAsync(db => db.Grants.Where(g => g.ContactId == contact)));
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_changes_nothing()
    {
        var (_, offer) = await _data.CourseWithOfferAsync("Careful Course");
        var contact = await _data.ContactAsync("careful@example.com");
        var client = _factory.ApiClient(await _factory.KeyAsync("Sloppy", ApiScopes.GrantsWrite,
            ApiScopes.ContactsWrite,
            ApiScopes.ContactsRead,
            ApiScopes.LinksWrite));

        async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }
        Task<HttpResponseMessage> Raw(string path, string json) =>
            client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var grants = $"/api/v1/contacts/{contact}/grants";

        var malformed = await ProblemAsync(await Raw(grants, "{\"offerId\": "), HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", malformed.GetProperty("detail").GetString());
        var unknown = await ProblemAsync(await Raw(grants, $"{{\"offerId\": {offer}, \"expires\": \"2030-01-01\"}}"),
            HttpStatusCode.BadRequest);
        Assert.Equal("Unknown field 'expires'.", unknown.GetProperty("errors").GetProperty("expires")[0].GetString());
        var wrongType = await ProblemAsync(await Raw(grants, "{\"offerId\": \"seven\"}"), HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("offerId", out _), wrongType.ToString());
        var quoted = await ProblemAsync(await Raw(grants, $"{{\"offerId\": \"{offer}\"}}"), HttpStatusCode.BadRequest);
        Assert.True(quoted.GetProperty("errors").TryGetProperty("offerId", out _), quoted.ToString());
        var missing = await ProblemAsync(await Raw("/api/v1/contacts", "{\"firstName\": \"No Email\"}"),
            HttpStatusCode.BadRequest);
        Assert.Equal("'email' is required.", missing.GetProperty("errors").GetProperty("email")[0].GetString());
        var noOffer = await ProblemAsync(await Raw(grants, "{\"offerId\": 987654}"), HttpStatusCode.BadRequest);
        Assert.Contains("no offer #987654", noOffer.GetProperty("errors").GetProperty("offerId")[0].GetString());
        var past = await ProblemAsync(await Raw(grants,
            $"{{\"offerId\": {offer}, \"expiresAt\": \"2001-01-01T00:00:00Z\"}}"), HttpStatusCode.BadRequest);
        Assert.True(past.GetProperty("errors").TryGetProperty("expiresAt", out _));
        await ProblemAsync(await Raw("/api/v1/contacts/987654/grants", $"{{\"offerId\": {offer}}}"),
            HttpStatusCode.NotFound);
        var badEmail = await ProblemAsync(await Raw("/api/v1/contacts", "{\"email\": \"not-an-email\"}"),
            HttpStatusCode.BadRequest);
        Assert.True(badEmail.GetProperty("errors").TryGetProperty("email", out _));
        var badLink = await ProblemAsync(await Raw($"/api/v1/contacts/{contact}/magic-links",
            "{\"lifetimeMinutes\": 1}"), HttpStatusCode.BadRequest);
        Assert.True(badLink.GetProperty("errors").TryGetProperty("lifetime", out _), badLink.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/contacts?status=none")).StatusCode);
        var badStatus = await ProblemAsync(await client.GetAsync("/api/v1/contacts?status=asleep"),
            HttpStatusCode.BadRequest);
        Assert.Contains("none, invited, active", badStatus.GetProperty("errors").GetProperty("status")[0].GetString());
        var badCursor = await ProblemAsync(await client.GetAsync("/api/v1/contacts?cursor=nonsense"),
            HttpStatusCode.BadRequest);
        Assert.True(badCursor.GetProperty("errors").TryGetProperty("cursor", out _));
        await ProblemAsync(await client.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);

        Assert.Equal(0, await _factory.CountAsync(db => db.Grants.Where(g => g.ContactId == contact)));
        Assert.Equal(0, await _factory.CountAsync(db => db.Contacts.Where(c => c.Email == "not-an-email")));
        Assert.Equal(0, await _factory.CountAsync(db => db.MagicLinks.Where(l => l.ContactId == contact)));
    }

    [Fact]
    public async Task Contacts_and_events_page_by_cursor_in_order()
    {
        var ids = new List<long>();
        for (var i = 0; i < 7; i++) ids.Add(await _data.ContactAsync($"page{i}@example.com"));
        var api = _factory.Generated(await _factory.KeyAsync("Pager", ApiScopes.ContactsRead, ApiScopes.EventsRead));

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await api.ListContactsAsync(null, null, null, null, cursor, 3);
            seen.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(ids, seen);

        var events = await api.ListEventsAsync("contact.created", null, 5);
        Assert.Equal(5, events.Items.Count);
        Assert.Equal("page0@example.com", events.Items.First().Contact!.Email);
        var rest = await api.ListEventsAsync("contact.created", events.NextCursor, 5);
        Assert.Equal(2, rest.Items.Count);
        // At the end a feed still answers a cursor, to poll with: nothing new yet, then the next event.
        var empty = await api.ListEventsAsync(null, rest.NextCursor, 5);
        Assert.Empty(empty.Items);
        await _data.ContactAsync("later@example.com");
        var later = await api.ListEventsAsync(null, empty.NextCursor, 5);
        Assert.Equal("later@example.com", later.Items.Single().Contact!.Email);
        Assert.Equal(DateTimeKind.Utc, later.Items.Single().OccurredAt.UtcDateTime.Kind);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

/// <summary>The per-key rate limit, on a portal whose keys may make few calls.</summary>
public class ApiRateLimitWebTests
{
    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after_and_other_keys_are_unaffected()
    {
        using var factory = new ApiPortalFactory(new("Portal:Api:Burst", "3"),
            new("Portal:Api:RequestsPerSecond", "1"));
        var busy = factory.ApiClient(await factory.KeyAsync("Busy", ApiScopes.ContactsRead));
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) codes.Add((await busy.GetAsync("/api/v1/contacts")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        var limited = await busy.GetAsync("/api/v1/contacts");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        var calm = factory.ApiClient(await factory.KeyAsync("Calm", ApiScopes.ContactsRead));
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/api/v1/contacts")).StatusCode);
    }

    [Fact]
    public async Task An_address_sending_wrong_keys_is_answered_429_before_any_key_is_looked_up()
    {
        using var factory = new ApiPortalFactory(new KeyValuePair<string,
            string>("Portal:Api:FailedAuthenticationsPerMinute", "3"));
        var good = await factory.KeyAsync("Good", ApiScopes.ContactsRead);
        var guesser = factory.ApiClient(ApiKey.TokenPrefix + new string('A', 43));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized,
            (await guesser.GetAsync("/api/v1/contacts")).StatusCode);
        var refused = await guesser.GetAsync("/api/v1/contacts");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        // From that address even a right key waits out the minute: the guesser cannot tell a right key by its answer.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await factory.ApiClient(good).GetAsync("/api/v1/contacts"))
            .StatusCode);
    }
}
