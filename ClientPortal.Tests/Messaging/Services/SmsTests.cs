using System.Collections.Concurrent;
using System.Text.Json;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Messaging.Services;

public class SmsTests
{
    [Fact]
    public async Task Sms_goes_through_the_outbox_to_the_http_provider_with_retries()
    {
        var received = new ConcurrentQueue<(string Auth, JsonElement Body)>();
        var failNext = 1;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var provider = builder.Build();
        provider.MapPost("/sms", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref failNext) >= 0) return Results.StatusCode(503);
            received.Enqueue((request.Headers.Authorization.ToString(),
                await JsonSerializer.DeserializeAsync<JsonElement>(request.Body)));
            return Results.Json(new { id = "sms-123" });
        });
        await provider.StartAsync();

        await using var host = await DomainHost.StartAsync(configure: s =>
            s.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sms:Endpoint"] = provider.Urls.First() + "/sms", ["Sms:ApiKey"] = "secret-key",
                    ["Sms:From"] = "+15550000",
            }).Build()));
        var contact = await host.Get<ContactDirectory>().CreateAsync(
            new ContactDetails("sam@example.com", "Sam", null, " +15551234 "), Seed.Admin);
        var queued = await host.Get<PortalMessages>().SendCustomSmsAsync(contact.Value!.Id,
            "Hi {{contact.first_name}}, your code is 123456", Seed.Admin, "sms-1");
        Assert.True(queued.Succeeded, queued.ErrorText);
        var delivery = host.Get<OutboxDelivery>();

        await delivery.DeliverBatchAsync(CancellationToken.None); // the provider answers 503 once
        await using (var db = host.NewDb())
        {
            var m = await db.Outbox.SingleAsync();
            Assert.Equal(MessageStatus.Pending, m.Status);
            Assert.Contains("503", m.LastError);
        }
        host.Clock.Advance(OutboxDelivery.Backoff(1));
        await delivery.DeliverBatchAsync(CancellationToken.None);

        var (auth, body) = Assert.Single(received);
        Assert.Equal("Bearer secret-key", auth);
        Assert.Equal("+15551234", body.GetProperty("to").GetString());
        Assert.Equal("+15550000", body.GetProperty("from").GetString());
        Assert.Equal("Hi Sam, your code is 123456", body.GetProperty("text").GetString());
        await using var check = host.NewDb();
        var sent = await check.Outbox.SingleAsync();
        Assert.Equal((MessageStatus.Sent, "sms-123", 2), (sent.Status, sent.ProviderId, sent.Attempts));
    }
}
