using ClientPortal.App.Features.Webhooks;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Webhooks.Services;

/// <summary>
/// The heap is the whole process's: measured while no other test runs, so another class's allocations are not
/// counted as the delivery's.
/// </summary>
[Collection(MeasuredAlone.Name)]
public class WebhookMemoryTests
{
    private static readonly Actor Owner = new("owner", "owner@example.com", Roles.Owner);

    [Fact]
    public async Task A_receiver_answering_300_MB_is_not_read_so_the_portals_heap_stays_where_it_was()
    {
        await using var host = await DomainHost.StartAsync(configure: DomainHost.AllowPrivateNetworks);
        const long huge = 300L * 1024 * 1024;
        long written = 0;
        using var receiver = new WebhookReceiver
        {
            Answer = async response =>
            {
                response.StatusCode = 200;
                response.ContentLength64 = huge;
                var chunk = new byte[64 * 1024];
                while (Interlocked.Read(ref written) < huge)
                {
                    await response.OutputStream.WriteAsync(chunk);
                    Interlocked.Add(ref written, chunk.Length);
                }
            },
        };
        var made = await host.Get<WebhookSubscriptions>()
            .CreateAsync(receiver.Url, [PublicEvents.ContactCreated], Owner);
        await Seed.ContactAsync(host, "ada@example.com");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });
        var dispatcher = host.Get<WebhookDispatcher>();
        while (await dispatcher.DispatchAsync(CancellationToken.None)) { }
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(WebhookDeliveryStatus.Delivered,
            Assert.Single(await host.Get<WebhookSubscriptions>().DeliveriesAsync(made.Value!.Id)).Status);
        Assert.True(peak - before < 20 * 1024 * 1024,
            $"The heap grew by {(peak - before) / 1024 / 1024} MB while the answer came.");
        // The portal hung up after the status line: the receiver got no further than what the sockets' buffers hold.
        Assert.True(Interlocked.Read(ref written) < 32 * 1024 * 1024,
            $"{Interlocked.Read(ref written) / 1024 / 1024} MB of the answer were sent.");
    }
}
