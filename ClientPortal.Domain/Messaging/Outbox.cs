using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Domain.Messaging;

public sealed record EmailDraft(string Kind, string To, string Subject, string Html, string Text, string IdempotencyKey,
    long? ContactId = null, long? MagicLinkId = null);

/// <summary>Writes messages to the durable outbox; delivery happens in the background, never inline.</summary>
public sealed class Outbox(IDbContextFactory<PortalDbContext> dbFactory, MessageProtector protector, DomainEvents events,
    TimeProvider clock)
{
    /// <returns>The message id; an existing one when the idempotency key was already queued.</returns>
    public async Task<long> EnqueueAsync(EmailDraft draft, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Outbox.Where(m => m.IdempotencyKey == draft.IdempotencyKey).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct) is { } existing)
            return existing;
        var message = new OutboxMessage
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
        };
        db.Outbox.Add(message);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Raced with the same idempotency key: the other writer's row is the message.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return await again.Outbox.Where(m => m.IdempotencyKey == draft.IdempotencyKey).Select(m => m.Id).SingleAsync(ct);
        }
        await events.PublishAsync(new MessageQueued(message.Id, draft.ContactId, draft.Kind, now));
        return message.Id;
    }
}
