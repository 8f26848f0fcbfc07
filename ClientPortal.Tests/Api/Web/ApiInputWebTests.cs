using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Api.Web;

/// <summary>What the API takes: the text rule on every field, bounded work per call, and problems for anything it
/// cannot read.</summary>
public class ApiInputWebTests : IClassFixture<SharedApiPortal>
{
    private readonly ApiPortalFactory _factory;

    public ApiInputWebTests(SharedApiPortal factory) => _factory = factory;

    private async Task<HttpClient> ClientAsync() =>
        _factory.ApiClient(await _factory.KeyAsync("Input " + Guid.NewGuid().ToString("N")[..6], ApiScopes.ContactsRead,
            ApiScopes.ContactsWrite));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Control_and_direction_characters_are_removed_from_names_and_tags()
    {
        var client = await ClientAsync();
        var made = await client.PostAsJsonAsync("/api/v1/contacts", new
        {
            email = "ctl@example.com", firstName = "Ev\u202Eil\u0000", lastName = "Esc\u001B[0m\u007F",
                tags = new[] { "vip\u2066", "a\u0085b" },
        });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var contact = (await _factory.Services.GetRequiredService<ContactDirectory>()
            .FindByEmailAsync("ctl@example.com"))!;
        Assert.Equal(("Evil", "Esc[0m"), (contact.FirstName, contact.LastName));
        Assert.Equal(["ab", "vip"], contact.Tags.Select(t => t.Tag).Order().ToArray());
    }

    [Fact]
    public async Task Tags_are_bounded_per_call_and_per_contact()
    {
        var client = await ClientAsync();
        var tooMany = await client.PostAsJsonAsync("/api/v1/contacts",
            new { email = "tags@example.com", tags = Enumerable.Range(0, ContactTags.MaxPerContact + 1)
                .Select(i => $"t{i}") });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains($"At most {ContactTags.MaxPerContact} tags", (await ProblemAsync(tooMany)).GetProperty("errors")
            .GetProperty("tags")[0].GetString());
        Assert.Null(await _factory.Services.GetRequiredService<ContactDirectory>()
            .FindByEmailAsync("tags@example.com"));

        var made = await client.PostAsJsonAsync("/api/v1/contacts",
            new { email = "tags@example.com", tags = Enumerable.Range(0, ContactTags.MaxPerContact - 5)
                .Select(i => $"t{i}") });
        var id = JsonDocument.Parse(await made.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var over = await client.PostAsJsonAsync($"/api/v1/contacts/{id}/tags",
            new { tags = Enumerable.Range(0, 10).Select(i => $"new{i}") });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("at most 100 tags", (await ProblemAsync(over)).GetProperty("errors")
            .GetProperty("tags")[0].GetString());
        var upsertOver = await client.PostAsJsonAsync("/api/v1/contacts",
            new { email = "tags@example.com", tags = Enumerable.Range(0, 10).Select(i => $"new{i}") });
        Assert.Equal(HttpStatusCode.BadRequest, upsertOver.StatusCode);
        Assert.Equal(ContactTags.MaxPerContact - 5,
            (await _factory.Services.GetRequiredService<ContactDirectory>()
            .FindByEmailAsync("tags@example.com"))!.Tags.Count);
    }

    [Fact]
    public async Task A_body_of_50000_tags_is_refused_before_it_is_read_naming_the_limit()
    {
        var client = await ClientAsync();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { email = "huge@example.com",
            tags = Enumerable.Range(0, 50_000).Select(i => $"tag-{i}") });
        var sized = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
        var huge = await client.PostAsync("/api/v1/contacts", sized);
        Assert.True(huge.StatusCode == HttpStatusCode.RequestEntityTooLarge, await huge.Content.ReadAsStringAsync());
        Assert.Contains("128 KB", (await ProblemAsync(huge)).GetProperty("detail").GetString());
        // Sent without a length (chunked), it is cut off while being read (Kestrel), or refused by the tag limit once
        // read.
        var chunked = await client.PostAsJsonAsync("/api/v1/contacts",
            new { email = "huge@example.com", tags = Enumerable.Range(0, 50_000).Select(i => $"tag-{i}") });
        Assert.Contains(chunked.StatusCode, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest });
        Assert.Matches("128 KB|At most 100 tags", (await ProblemAsync(chunked)).GetProperty("detail").GetString());
        Assert.Null(await _factory.Services.GetRequiredService<ContactDirectory>()
            .FindByEmailAsync("huge@example.com"));
    }

    [Fact]
    public async Task Form_bodies_and_other_content_types_are_415_problems()
    {
        var client = await ClientAsync();
        var form = await client.PostAsync("/api/v1/contacts",
            new FormUrlEncodedContent([new("email", "form@example.com")]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        await ProblemAsync(form);
        var text = await client.PostAsync("/api/v1/contacts",
            new StringContent("email=x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        await ProblemAsync(text);
    }

    [Fact]
    public async Task Duplicate_json_keys_are_refused()
    {
        var client = await ClientAsync();
        var twice = await client.PostAsync("/api/v1/contacts",
            new StringContent("""{"email":"one@example.com","email":"two@example.com"}""", Encoding.UTF8,
                "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        await ProblemAsync(twice);
        Assert.Null(await _factory.Services.GetRequiredService<ContactDirectory>().FindByEmailAsync("one@example.com"));
        Assert.Null(await _factory.Services.GetRequiredService<ContactDirectory>().FindByEmailAsync("two@example.com"));
    }

    [Fact]
    public async Task Answers_are_not_cached()
    {
        var client = await ClientAsync();
        Assert.Equal("no-store", (await client.GetAsync("/api/v1/contacts")).Headers.CacheControl?.ToString());
        Assert.Equal("no-store", (await _factory.NewClient().GetAsync("/api/v1/contacts"))
            .Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Login_emails_name_at_most_a_thousand_contacts()
    {
        var client = _factory.ApiClient(await _factory.KeyAsync("Sender", ApiScopes.MessagesSend));
        var refused = await client.PostAsJsonAsync("/api/v1/login-emails",
            new { contactIds = Enumerable.Range(1, 1_001) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("1,000", (await ProblemAsync(refused)).GetProperty("errors")
            .GetProperty("contactIds")[0].GetString());
    }
}
