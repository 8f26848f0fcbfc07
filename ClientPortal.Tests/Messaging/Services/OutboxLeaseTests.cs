using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data.Writes;
using ClientPortal.Infrastructure.Settings;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Messaging.Services;

/// <summary>
/// Several portal nodes deliver one outbox: a claim leases each message to exactly one node, and a node that restarts
/// takes back only what it had leased itself. Runs on SQLite and, in the PostgreSQL pass, on PostgreSQL (SKIP LOCKED).
/// </summary>
public class OutboxLeaseTests
{
    [Fact]
    public async Task Nodes_claiming_at_the_same_moment_never_lease_one_message_twice()
    {
        await using var host = await DomainHost.StartAsync();
        const int messages = 300;
        for (var i = 0; i < messages; i++)
            await host.Get<Outbox>()
                .EnqueueAsync(new EmailDraft("test", $"r{i}@example.com", "Hello", "<p>Hi</p>", "Hi", $"lease-{i}"));
        var now = host.Clock.GetUtcNow().UtcDateTime;

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var node = $"node-{n % 2}";
            await using var db = host.NewDb();
            return (Node: node,
                Ids: await db.ClaimDueAsync(now, now + OutboxDelivery.Lease, node, 60, CancellationToken.None));
        })));

        var all = claims.SelectMany(c => c.Ids).ToList();
        Assert.Equal(messages, all.Count);
        Assert.Equal(messages, all.Distinct().Count());
        await using var check = host.NewDb();
        var rows = await check.Outbox.AsNoTracking().ToDictionaryAsync(m => m.Id);
        foreach (var (node, ids) in claims)
        foreach (var id in ids)
            Assert.Equal((MessageStatus.Sending, node, 1), (rows[id].Status, rows[id].LeasedBy, rows[id].Attempts));
    }

    [Fact]
    public async Task
        A_restarted_node_takes_back_its_own_interrupted_messages_and_another_nodes_only_when_their_lease_ran_out()
    {
        await using var host = await DomainHost.StartAsync();
        for (var i = 0; i < 4; i++)
            await host.Get<Outbox>()
                .EnqueueAsync(new EmailDraft("test", $"r{i}@example.com", "Hello", "<p>Hi</p>", "Hi", $"restart-{i}"));
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var me = host.Get<PortalNode>().Name;
        List<long> mine, theirs;
        await using (var db = host.NewDb())
        {
            mine = await db.ClaimDueAsync(now, now + OutboxDelivery.Lease, me, 2, CancellationToken.None);
            theirs = await db.ClaimDueAsync(now, now + OutboxDelivery.Lease, "another-node", 2, CancellationToken.None);
        }

        Assert.Equal(2, await host.Get<OutboxDelivery>().RecoverAsync(everything: true, CancellationToken.None));
        Assert.Equal(mine.Order(), await StatusAsync(host, MessageStatus.Pending));
        Assert.Equal(theirs.Order(), await StatusAsync(host, MessageStatus.Sending));

        host.Clock.Advance(OutboxDelivery.Lease + TimeSpan.FromMinutes(1));
        Assert.Equal(2, await host.Get<OutboxDelivery>().RecoverAsync(everything: false, CancellationToken.None));
        Assert.Empty(await StatusAsync(host, MessageStatus.Sending));
    }

    private static async Task<List<long>> StatusAsync(DomainHost host, MessageStatus status)
    {
        await using var db = host.NewDb();
        return await db.Outbox.Where(m => m.Status == status).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
    }
}
