using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClientPortal.App.Features.Webhooks;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Api.Web;

/// <summary>Webhook subscriptions through the API: what a key may subscribe to, and whose subscriptions it
/// manages.</summary>
public class WebhooksApiWebTests : IDisposable
{
    private readonly ApiPortalFactory _factory = new(new KeyValuePair<string,
        string>("Portal:Webhooks:AllowPrivateNetworks", "true"));

    public void Dispose() => _factory.Dispose();

    private static object Hook(string url, bool? enabled = null) => enabled is { } e
        ? new { url, events = new[] { PublicEvents.ContactCreated, PublicEvents.OfferGranted }, enabled = e }
        : new { url, events = new[] { PublicEvents.ContactCreated, PublicEvents.OfferGranted } };

    [Fact]
    public async Task A_key_without_contacts_read_cannot_subscribe_to_events_that_carry_contacts()
    {
        var writeOnly = _factory.ApiClient(await _factory.KeyAsync("Write only", ApiScopes.WebhooksWrite));
        var refused = await writeOnly.PostAsJsonAsync("/api/v1/webhooks", Hook("http://127.0.0.1:9/a"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("contacts:read", problem.GetProperty("errors").GetProperty("events")[0].GetString());
        Assert.Empty(await _factory.Services.GetRequiredService<WebhookSubscriptions>().ListAsync());

        var reader = _factory.ApiClient(await _factory.KeyAsync("Reader", ApiScopes.WebhooksWrite,
            ApiScopes.ContactsRead));
        Assert.Equal(HttpStatusCode.Created,
            (await reader.PostAsJsonAsync("/api/v1/webhooks", Hook("http://127.0.0.1:9/a"))).StatusCode);
    }

    [Fact]
    public async Task A_key_manages_only_the_subscriptions_it_made()
    {
        var owner = new Actor("owner", "owner@example.com", Roles.Owner);
        var webhooks = _factory.Services.GetRequiredService<WebhookSubscriptions>();
        var ownersHook = (await webhooks.CreateAsync("http://127.0.0.1:9/owner", [PublicEvents.ContactCreated], owner))
            .Value!;
        var first = _factory.ApiClient(await _factory.KeyAsync("First", ApiScopes.WebhooksWrite,
            ApiScopes.ContactsRead));
        var second = _factory.ApiClient(await _factory.KeyAsync("Second", ApiScopes.WebhooksWrite,
            ApiScopes.ContactsRead));
        var made = await first.PostAsJsonAsync("/api/v1/webhooks", Hook("http://127.0.0.1:9/first"));
        var firstsHook = JsonDocument.Parse(await made.Content.ReadAsStringAsync()).RootElement.GetProperty("id")
            .GetInt64();

        // The second key sees none of them and cannot re-point, remove or read the log of either.
        Assert.Equal(0, JsonDocument.Parse(await second.GetStringAsync("/api/v1/webhooks"))
            .RootElement.GetArrayLength());
        foreach (var id in new[] { ownersHook.Id, firstsHook })
        {
            Assert.Equal(HttpStatusCode.NotFound,
                (await second.PutAsJsonAsync($"/api/v1/webhooks/{id}", Hook("http://127.0.0.1:9/thief"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await second.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/api/v1/webhooks/{id}/deliveries"))
                .StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound,
            (await first.PutAsJsonAsync($"/api/v1/webhooks/{ownersHook.Id}", Hook("http://127.0.0.1:9/thief")))
            .StatusCode);
        Assert.DoesNotContain(await webhooks.ListAsync(), w => w.Url.Contains("thief"));

        // The key that made one manages it; the Owner (in the UI) manages all.
        var own = JsonDocument.Parse(await first.GetStringAsync("/api/v1/webhooks")).RootElement;
        Assert.Equal(firstsHook, own.EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.OK,
            (await first.PutAsJsonAsync($"/api/v1/webhooks/{firstsHook}", Hook("http://127.0.0.1:9/moved")))
            .StatusCode);
        Assert.Equal(2, (await webhooks.ListAsync()).Count);
        Assert.True((await webhooks.DeleteAsync(firstsHook, owner)).Succeeded);
    }

    [Fact]
    public async Task A_subscription_made_with_enabled_false_starts_paused()
    {
        var key = _factory.ApiClient(await _factory.KeyAsync("Paused", ApiScopes.WebhooksWrite,
            ApiScopes.ContactsRead));
        var made = JsonDocument.Parse(await (await key.PostAsJsonAsync("/api/v1/webhooks",
            Hook("http://127.0.0.1:9/p", enabled: false)))
            .Content.ReadAsStringAsync()).RootElement;
        Assert.False(made.GetProperty("enabled").GetBoolean());
        Assert.False((await _factory.Services.GetRequiredService<WebhookSubscriptions>().ListAsync()).Single().Enabled);
    }
}
