using System.Diagnostics;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Bench;

/// <summary>
/// Queueing N login emails (links minted, bodies rendered and encrypted) and delivering them: to Debian's aiosmtpd,
/// which parses every message (content checked), and to Postfix's smtp-sink, fast enough to measure the portal's own
/// rate.
/// </summary>
public static class MessagingBench
{
    /// <summary>Delivery of <paramref name="count"/> queued login emails to smtp-sink, once per connection setting (0 =
    /// the default).</summary>
    public static async Task<List<(string, string, string)>> DeliveryAsync(int count, int[] connections)
    {
        var rows = new List<(string, string, string)>();
        if (!PostfixSink.IsInstalled)
        {
            rows.Add(("deliver to Postfix's smtp-sink",
                $"not run: {PostfixSink.Executable} is not installed (Debian package postfix)", "≥ 1,000 messages/s"));
            return rows;
        }
        await using var sink = await PostfixSink.StartAsync();
        // A first, unreported pass compiles the path (a cold first pass read half the rate of the same setting warm).
        foreach (var (lanes, reported) in connections.Select(c => (c, true)).Prepend((0, false)))
        {
            var dir = Directory.CreateTempSubdirectory("cp-bench-").FullName;
            try
            {
                var config = new ConfigurationBuilder().AddInMemoryCollection(sink.PortalSettings(lanes)).Build();
                await using var provider = await ContactsBench.DomainAsync(dir,
                    s => s.AddSingleton<IConfiguration>(config));
                ContactsBench.SeedContacts(dir, count);
                await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>()
                    .CreateDbContextAsync())
                    await db.Database.ExecuteSqlRawAsync("UPDATE Contacts SET NormalizedEmail = lower(Email)");
                await provider.GetRequiredService<BulkSends>()
                    .StartLoginEmailsAsync(Enumerable.Range(1, count).Select(i => (long)i).ToList(),
                    new Actor("bench", "bench", Roles.Owner));
                var runner = provider.GetRequiredService<BulkSendRunner>();
                while (await runner.RunNextChunkAsync(CancellationToken.None)) { }

                var effective = (await provider.GetRequiredService<EmailSettingsStore>().GetAsync()).Connections;
                var delivery = provider.GetRequiredService<OutboxDelivery>();
                var sw = Stopwatch.StartNew();
                while (await delivery.DeliverBatchAsync(CancellationToken.None) > 0) { }
                var took = sw.Elapsed;
                await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>()
                    .CreateDbContextAsync())
                {
                    var sent = await db.Outbox.CountAsync(m => m.Status == MessageStatus.Sent);
                    if (sent != count) throw new InvalidOperationException($"{sent} of {count} messages were sent.");
                }
                if (reported)
                    rows.Add(($"deliver {count:N0} to Postfix's smtp-sink, {effective} " +
                        $"connection(s){(lanes == 0 ? " (the default)" : "")}",
                    $"{count / took.TotalSeconds:N0} messages/s ({took.TotalSeconds:F1} s)",
                        "≥ 1,000 messages/s with the default"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, true);
            }
        }
        return rows;
    }

    public static async Task<List<(string, string, string)>> RunAsync(int count)
    {
        await using var sink = await SmtpSink.StartAsync();
        var dir = Directory.CreateTempSubdirectory("cp-bench-").FullName;
        try
        {
            var config = new ConfigurationBuilder()
                .AddInMemoryCollection(sink.PortalSettings("bench@example.test")
                    .Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build();
            await using var provider = await ContactsBench.DomainAsync(dir,
                s => s.AddSingleton<IConfiguration>(config));
            // Three jobs of `count`: the first in a fresh process pays the JIT for every method on the way (a bulk send
            // is rare enough that a running server may meet it cold); during the second the JIT is still re-compiling
            // hot methods on one of the two cores; the third shows the work itself.
            const int jobs = 3;
            ContactsBench.SeedContacts(dir, jobs * count);
            await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>()
                .CreateDbContextAsync())
                await db.Database.ExecuteSqlRawAsync("UPDATE Contacts SET NormalizedEmail = lower(Email)");
            var admin = new Actor("bench", "bench", Roles.Owner);

            // Enqueue: the bulk job's work, a chunk per transaction, as the background runner does it.
            var sends = provider.GetRequiredService<BulkSends>();
            var runner = provider.GetRequiredService<BulkSendRunner>();
            async Task<TimeSpan> EnqueueAsync(int first)
            {
                var sw = Stopwatch.StartNew();
                await sends.StartLoginEmailsAsync(Enumerable.Range(first, count).Select(i => (long)i).ToList(), admin);
                while (await runner.RunNextChunkAsync(CancellationToken.None)) { }
                return sw.Elapsed;
            }
            var cold = await EnqueueAsync(1);
            await EnqueueAsync(count + 1);
            var enqueue = await EnqueueAsync(2 * count + 1);

            var delivery = provider.GetRequiredService<OutboxDelivery>();
            var deliverSw = Stopwatch.StartNew();
            while (await delivery.DeliverBatchAsync(CancellationToken.None) > 0) { }
            await sink.WaitForAcceptedAsync(jobs * count, TimeSpan.FromMinutes(5));
            var deliver = deliverSw.Elapsed;
            // Every message arrived whole: parsed, one per contact.
            var received = await sink.WaitForAsync(jobs * count, TimeSpan.FromMinutes(5));
            if (received.Select(m => m.RcptTos.Single()).Distinct().Count() != jobs * count)
                throw new InvalidOperationException("Some contacts got no login email, or more than one.");
            return
            [
                ($"enqueue {count:N0} login emails (links + rendered, encrypted bodies), first job of the process",
                    $"{cold.TotalSeconds:F2} s ({count / cold.TotalSeconds:N0}/s)", "—"),
                ($"enqueue {count:N0} login emails, the third job",
                    $"{enqueue.TotalSeconds:F2} s ({count / enqueue.TotalSeconds:N0}/s)", "< 2 s for 10,000"),
                ($"deliver the three jobs' {jobs * count:N0} to aiosmtpd over SMTP",
                    $"{jobs * count / deliver.TotalSeconds:N0} messages/s ({deliver.TotalSeconds:F1} s)",
                    "≥ 300 messages/s"),
            ];
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
