using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Domain.Messaging;

public sealed record EmailDraft(string Kind, string To, string Subject, string Html, string Text, string IdempotencyKey,
    long? ContactId = null, long? MagicLinkId = null);

/// <summary>Writes messages to the durable outbox; delivery happens in the background, never inline.</summary>
public sealed class Outbox(IDbContextFactory<PortalDbContext> dbFactory, MessageProtector protector, OutboxSignal signal,
    DomainEvents events, TimeProvider clock)
{
    public Task<long> EnqueueAsync(EmailDraft draft, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return EnqueueAsync(new OutboxMessage
        {
            Channel = MessageChannel.Email,
            Kind = draft.Kind,
            To = draft.To,
            Subject = draft.Subject,
            ProtectedHtml = protector.Protect(draft.Html),
            ProtectedText = protector.Protect(draft.Text),
            Status = MessageStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            IdempotencyKey = draft.IdempotencyKey,
            ContactId = draft.ContactId,
            MagicLinkId = draft.MagicLinkId,
        }, ct);
    }

    /// <summary>An SMS: same outbox, retries and statuses; delivered by the configured HTTP provider.</summary>
    public Task<long> EnqueueSmsAsync(string to, string text, string idempotencyKey, long? contactId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return EnqueueAsync(new OutboxMessage
        {
            Channel = MessageChannel.Sms,
            Kind = "sms",
            To = to,
            ProtectedHtml = protector.Protect(""),
            ProtectedText = protector.Protect(text),
            Status = MessageStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            IdempotencyKey = idempotencyKey,
            ContactId = contactId,
        }, ct);
    }

    /// <returns>The message id; the existing one when the idempotency key was already queued.</returns>
    public async Task<long> EnqueueAsync(OutboxMessage message, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Outbox.Where(m => m.IdempotencyKey == message.IdempotencyKey).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct) is { } existing)
            return existing;
        db.Outbox.Add(message);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Raced with the same idempotency key: the other writer's row is the message.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return await again.Outbox.Where(m => m.IdempotencyKey == message.IdempotencyKey).Select(m => m.Id).SingleAsync(ct);
        }
        Signal();
        await events.PublishAsync(new MessageQueued(message.Id, message.ContactId, message.Kind, message.CreatedAt));
        return message.Id;
    }

    /// <summary>Wakes the delivery worker (it also polls, so nothing waits past a restart).</summary>
    public void Signal() => signal.Notify();
}

/// <summary>Wakes the delivery worker when a message is queued.</summary>
public sealed class OutboxSignal : WakeSignal;
