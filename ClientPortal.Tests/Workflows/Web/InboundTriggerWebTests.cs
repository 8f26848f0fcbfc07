using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Workflows;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Workflows.Web;

/// <summary>The "Inbound webhook" trigger: a workflow's secret URL starts it for the contact a post names.</summary>
public class InboundTriggerWebTests : IDisposable
{
    private static readonly Actor Owner = new("owner", "owner@example.com", Roles.Owner);
    private readonly PortalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private T Get<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    private async Task<(long Workflow, string Url)> InboundWorkflowAsync(bool createsContact)
    {
        var published = await Get<WorkflowEditor>()
            .PublishAsync(null, new WorkflowDraft($"From checkout {createsContact}", WorkflowTrigger.Inbound,
            WorkflowFilterKind.None, null, null, [new WorkflowStep(WorkflowStepKind.AddTag, Tag: "from-checkout")],
                createsContact), Owner);
        Assert.True(published.Succeeded, published.ErrorText);
        var url = await Get<WorkflowInbound>().NewUrlAsync(published.Value, Owner);
        Assert.True(url.Succeeded, url.ErrorText);
        Assert.Matches(@"^https://portal\.example\.test/hooks/workflows/[A-Za-z0-9_-]{43}$", url.Value);
        return (published.Value, new Uri(url.Value!).PathAndQuery);
    }

    private async Task<int> RunsAsync(long workflow) =>
        (await Get<WorkflowRunLog>().SearchAsync(new RunQuery(WorkflowId: workflow))).Total;

    [Fact]
    public async Task A_post_creates_the_contact_it_names_when_the_trigger_says_so()
    {
        var (creating, creatingUrl) = await InboundWorkflowAsync(createsContact: true);
        var (other, _) = await InboundWorkflowAsync(createsContact: false);

        var started = await _factory.NewClient().PostAsJsonAsync(creatingUrl,
            new { email = "Buyer@Example.com", name = "Bea Stone", phone = "+1 555 0100", tags = new[] { "paid" } });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var contact = (await Get<ContactDirectory>().FindByEmailAsync("buyer@example.com"))!;
        Assert.Equal(("Bea", "Stone", "+1 555 0100"), (contact.FirstName, contact.LastName, contact.Phone));
        Assert.Contains("paid", contact.Tags.Select(t => t.Tag));
        Assert.Equal(1, await RunsAsync(creating));
        Assert.Equal(0, await RunsAsync(other)); // only the workflow whose URL was called
        Assert.Contains("\"contactCreated\":true", await started.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_workflow_that_creates_no_contacts_starts_only_for_a_known_email()
    {
        var (strict, strictUrl) = await InboundWorkflowAsync(createsContact: false);
        await Get<ContactDirectory>().CreateAsync(new ContactDetails("buyer@example.com", "Bea", null, null), Owner);
        var client = _factory.NewClient();

        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await client.PostAsJsonAsync(strictUrl, new { email = "stranger@example.com" })).StatusCode);
        Assert.Null(await Get<ContactDirectory>().FindByEmailAsync("stranger@example.com"));
        Assert.Equal(HttpStatusCode.Accepted,
            (await client.PostAsJsonAsync(strictUrl, new { email = "buyer@example.com" })).StatusCode);
        Assert.Equal(1, await RunsAsync(strict));
    }

    [Fact]
    public async Task A_wrong_secret_or_a_bad_body_answers_4xx_and_starts_nothing()
    {
        var (workflow, url) = await InboundWorkflowAsync(createsContact: true);
        var client = _factory.NewClient();
        async Task Refused(HttpStatusCode status, string path, string json)
        {
            var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await Refused(HttpStatusCode.NotFound, "/hooks/workflows/" + new string('x', 43),
            "{\"email\":\"a@example.com\"}");
        await Refused(HttpStatusCode.NotFound, "/hooks/workflows/short", "{\"email\":\"a@example.com\"}");
        await Refused(HttpStatusCode.BadRequest, url, "{\"email\":");
        await Refused(HttpStatusCode.BadRequest, url, "{\"name\":\"No Email\"}");
        await Refused(HttpStatusCode.BadRequest, url, "{\"email\":\"a@example.com\",\"coupon\":\"X\"}");
        await Refused(HttpStatusCode.UnprocessableEntity, url, "{\"email\":\"not-an-email\"}");
        await Refused(HttpStatusCode.BadRequest, url, "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}");
        // Bounded work: 20,000 tags are refused before they are read; 101 by the tag limit.
        await Refused(HttpStatusCode.RequestEntityTooLarge, url,
            JsonSerializer.Serialize(new { email = "a@example.com", tags = Enumerable.Range(0, 20_000)
                .Select(i => $"t{i}") }));
        await Refused(HttpStatusCode.UnprocessableEntity, url,
            JsonSerializer.Serialize(new { email = "a@example.com", tags = Enumerable.Range(0, 101)
                .Select(i => $"t{i}") }));
        // A form post is a problem document too.
        var form = await client.PostAsync(url, new FormUrlEncodedContent([new("email", "a@example.com")]));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "application/problem+json"),
            (form.StatusCode, form.Content.Headers.ContentType?.MediaType));
        Assert.Null(await Get<ContactDirectory>().FindByEmailAsync("a@example.com"));
        // A replaced URL stops working; a paused workflow refuses.
        var replaced = await Get<WorkflowInbound>().NewUrlAsync(workflow, Owner);
        await Refused(HttpStatusCode.NotFound, url, "{\"email\":\"a@example.com\"}");
        Assert.True((await Get<WorkflowEditor>().SetEnabledAsync(workflow, false, Owner)).Succeeded);
        await Refused(HttpStatusCode.Conflict, new Uri(replaced.Value!).PathAndQuery, "{\"email\":\"a@example.com\"}");

        Assert.Equal(0, await RunsAsync(workflow));
        Assert.Null(await Get<ContactDirectory>().FindByEmailAsync("a@example.com"));
        Assert.False((await Get<WorkflowInbound>()
            .NewUrlAsync(workflow, new Actor("s", "staff@example.com", Roles.Staff))).Succeeded);
    }
}
