using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.SignIn;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

/// <summary>
/// Delivers the outbox in the background: claims due messages (status Sending, with a lease), sends each,
/// records Sent at once or schedules a retry with exponential backoff. On start, and whenever a lease
/// runs out, messages left "sending" by a crash return to the queue; a resend carries the same Message-ID.
/// Stopping finishes the message in hand and leaves the rest queued.
/// </summary>
public sealed class OutboxDelivery(
    IDbContextFactory<PortalDbContext> dbFactory,
    MessageProtector protector,
    OutboxSignal signal,
    EmailSettingsStore emailSettings,
    SmtpTransport smtp,
    SmsTransport sms,
    IDeliveryMarks marks,
    PortalNode node,
    TimeProvider clock,
    ILogger<OutboxDelivery> logger) : SignalledWorker(signal, TimeSpan.FromSeconds(2), logger)
{
    public const int MaxAttempts = 8;

    /// <summary>The provider id of an email kept in the outbox, readable in the Mailbox (no mail server).</summary>
    public const string KeptInMailbox = "embedded";
    // Each lane keeps its SMTP connection for a batch's share of messages. The lease outlasts a batch even against a
    // server that hangs on every message: 50 messages a lane × the 30 s timeout = 25 min.
    public const int MessagesPerLane = 50;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    protected override Task StartingAsync(CancellationToken ct) => RecoverAsync(everything: true, ct);

    protected override async Task<bool> WorkAsync(CancellationToken ct)
    {
        if (await DeliverBatchAsync(ct) > 0) return true;
        await RecoverAsync(everything: false, ct);
        return false;
    }

    /// <summary>
    /// Returns interrupted messages to the queue: at start, every "sending" row this node leased (it crashed or stopped
    /// mid-batch; other nodes' rows are theirs to finish); at any time, any row whose lease ran out.
    /// </summary>
    public async Task<int> RecoverAsync(bool everything, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recovered = await db.Outbox.Where(m => m.Status == MessageStatus.Sending
                                                   && ((everything && (m.LeasedBy == node.Name || m.LeasedBy == null))
                                                       || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Pending)
                .SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, "interrupted while sending; queued again"), ct);
        if (recovered > 0) logger.LogWarning("{Count} message(s) interrupted while sending were queued again",
            recovered);
        return recovered;
    }

    /// <returns>How many messages were attempted.</returns>
    public async Task<int> DeliverBatchAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + Lease;
        var settings = await emailSettings.GetAsync(stoppingToken);
        // Several SMTP connections at once (Email:Smtp:Connections): a message's round trips on one connection leave
        // the server idle between commands, so parallel connections keep it busy.
        var lanes = Math.Clamp(settings.IsSmtp ? settings.Connections : 1, 1, 64);
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var leased = await db.ClaimDueAsync(now, leaseUntil, node.Name, lanes * MessagesPerLane, stoppingToken);
        if (leased.Count == 0) return 0;
        var claimed = await db.Outbox.AsNoTracking().Where(m => leased.Contains(m.Id)).OrderBy(m => m.Id)
            .ToListAsync(stoppingToken);

        var queue = new System.Collections.Concurrent.ConcurrentQueue<OutboxMessage>(claimed);
        await Task.WhenAll(Enumerable.Range(0, Math.Min(lanes, claimed.Count))
            .Select(_ => Task.Run(() => DrainAsync(queue, settings, stoppingToken))));
        return claimed.Count;
    }

    private async Task DrainAsync(System.Collections.Concurrent.ConcurrentQueue<OutboxMessage> queue,
        EmailSettings settings, CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var lane = new SmtpLane(smtp, settings);
        try
        {
            while (queue.TryDequeue(out var message))
            {
                // A stop request lets the messages in hand finish; the unsent rest goes back to the queue.
                if (stoppingToken.IsCancellationRequested)
                {
                    await ReleaseAsync(db, message.Id);
                    continue;
                }
                string? providerId;
                try
                {
                    providerId = await SendAsync(message, settings, lane);
                }
                catch (Exception ex) when (SmtpTransport.IsDeliveryFailure(ex)
                    || ex is HttpRequestException or SealedWithLostKeyException)
                {
                    // A body no key opens never will: failed at once. A password to enter again: retried as usual.
                    // A test email answers "does delivery work now?": sent again later, it would only arrive when
                    // nobody is waiting for it.
                    var failed = message.Attempts >= MaxAttempts
                        || ex is SealedWithLostKeyException { Permanent: true }
                        || message.Kind == DefaultTemplates.SmtpTest.Key;
                    var error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                    await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, failed ? MessageStatus.Failed : MessageStatus.Pending)
                        .SetProperty(m => m.NextAttemptAt, clock.GetUtcNow().UtcDateTime + Backoff(message.Attempts))
                        .SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LastError, error),
                            CancellationToken.None);
                    logger.LogWarning("Message {Id} ({Kind}) attempt {Attempt} failed: {Error}", message.Id,
                        message.Kind, message.Attempts, error);
                    // A connection in an unknown state is not reused for the next message.
                    await lane.DisconnectAsync();
                    continue;
                }
                // Outside the try: failing to record a sent message must not schedule it to be sent again. Many lanes
                // finish at once: their marks share one commit (one fsync) instead of two commits each.
                var sentAt = clock.GetUtcNow().UtcDateTime;
                await marks.MarkSentAsync(message.Id, message.MagicLinkId, providerId,
                    new MessageDelivered(message.Id, message.ContactId, message.Kind, sentAt));
            }
        }
        finally
        {
            await lane.DisconnectAsync();
        }
    }

    private async Task<string?> SendAsync(OutboxMessage message, EmailSettings settings, SmtpLane lane)
    {
        var text = protector.TryUnprotect(message.ProtectedText) ?? throw SealedWithLostKeyException.Body();
        if (message.Channel == MessageChannel.Sms) return await sms.SendAsync(message, text, CancellationToken.None);
        if (!settings.IsSmtp) return KeptInMailbox;
        if (settings.PasswordUnreadable)
            throw new SealedWithLostKeyException("The stored SMTP password can't be read with this portal's keys: " +
                "enter it again in Settings.",
                permanent: false);
        return await lane.SendAsync(message, protector.TryUnprotect(message.ProtectedHtml)
            ?? throw SealedWithLostKeyException.Body(), text);
    }

    private static Task ReleaseAsync(PortalDbContext db, long id) =>
        db.Outbox.Where(m => m.Id == id && m.Status == MessageStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Pending)
                .SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1));
}
