using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

public sealed record EmailDraft(string Kind, string To, string Subject, string Html, string Text, string IdempotencyKey,
    long? ContactId = null, long? MagicLinkId = null);

/// <summary>Writes messages to the durable outbox; delivery happens in the background, never inline.</summary>
public sealed class Outbox(IDbContextFactory<PortalDbContext> dbFactory, MessageProtector protector,
    OutboxSignal signal,
    TimeProvider clock)
{
    public Task<long> EnqueueAsync(EmailDraft draft, CancellationToken ct = default) =>
        EnqueueAsync(Create(MessageChannel.Email, draft.Kind, draft.To, draft.Subject, draft.Html, draft.Text,
            draft.IdempotencyKey,
            draft.ContactId, draft.MagicLinkId), ct);

    /// <summary>A new pending row, bodies encrypted; the one place an outbox row is made.</summary>
    public OutboxMessage Create(MessageChannel channel, string kind, string to, string? subject, string html,
        string text, string idempotencyKey,
        long? contactId, long? magicLinkId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            Channel = channel,
            Kind = kind,
            To = to,
            Subject = subject,
            ProtectedHtml = protector.Protect(html),
            ProtectedText = protector.Protect(text),
            Status = MessageStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            IdempotencyKey = idempotencyKey,
            ContactId = contactId,
            MagicLinkId = magicLinkId,
        };
    }

    /// <returns>The message id; the existing one when the idempotency key was already queued.</returns>
    public async Task<long> EnqueueAsync(OutboxMessage message, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Outbox.Where(m => m.IdempotencyKey == message.IdempotencyKey).Select(m => (long?)m.Id)
            .FirstOrDefaultAsync(ct) is { } existing)
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
            return await again.Outbox.Where(m => m.IdempotencyKey == message.IdempotencyKey).Select(m => m.Id)
                .SingleAsync(ct);
        }
        // The id exists only after the insert: a second save hands the event to the publisher.
        db.Raise(new MessageQueued(message.Id, message.ContactId, message.Kind, message.CreatedAt));
        await db.SaveChangesAsync(ct);
        Signal();
        return message.Id;
    }

    /// <summary>Wakes the delivery worker (it also polls, so nothing waits past a restart).</summary>
    public void Signal() => signal.Notify();
}

/// <summary>Wakes the delivery worker when a message is queued.</summary>
public sealed class OutboxSignal : WakeSignal;
