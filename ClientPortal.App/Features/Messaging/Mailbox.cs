using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

public sealed record MailboxRow(long Id, MessageChannel Channel, string Kind, string To, string? Subject,
    MessageStatus Status, int Attempts,
    DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt, string? LastError, long? ContactId);

public sealed partial record MailboxMessage(MailboxRow Row, string Html, string Text, string? ProviderId)
{
    /// <summary>The message's sign-in link (its first magic link), for "Copy sign-in link"; null when it has
    /// none.</summary>
    public string? SignInLink => MagicLinkUrl().Matches(Text).Select(m => m.Value)
        .FirstOrDefault(url => SecretToken.LooksValid(url[(url.LastIndexOf('/') + 1)..]));

    /// <summary>
    /// The HTML for the preview frame, whose links open in a new tab: a click inside never replaces the message with
    /// another page.
    /// </summary>
    public string PreviewHtml
    {
        get
        {
            const string Base = "<base target=\"_blank\">";
            var head = Html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
            return head < 0 ? Base + Html : Html.Insert(head + "<head>".Length, Base);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://[^\s)\]""'<>]+/l/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial System.Text.RegularExpressions.Regex MagicLinkUrl();
}

/// <summary>Every message the portal sent or will send, with the rendered content (decrypted for team users
/// only).</summary>
public sealed class Mailbox(IDbContextFactory<PortalDbContext> dbFactory, MessageProtector protector, Outbox outbox,
    TimeProvider clock)
{
    public async Task<Page<MailboxRow>> SearchAsync(MessageStatus? status, string? kind, string? to, int skip, int take,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Outbox.AsNoTracking();
        if (status is { } s) q = q.Where(m => m.Status == s);
        if (!string.IsNullOrWhiteSpace(kind)) q = q.Where(m => m.Kind == kind);
        if (!string.IsNullOrWhiteSpace(to)) q = q.Where(m => m.To.StartsWith(to.Trim()));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(m => m.Id).Skip(skip).Take(Math.Clamp(take, 1, 200))
            .Select(m =>
                new MailboxRow(m.Id, m.Channel, m.Kind, m.To, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.SentAt,
                m.NextAttemptAt,
                m.LastError, m.ContactId)).ToListAsync(ct);
        return new Page<MailboxRow>(rows, total);
    }

    public async Task<MailboxMessage?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return null;
        return new MailboxMessage(new MailboxRow(m.Id, m.Channel, m.Kind, m.To, m.Subject, m.Status, m.Attempts,
            m.CreatedAt, m.SentAt,
            m.NextAttemptAt, m.LastError, m.ContactId),
            protector.TryUnprotect(m.ProtectedHtml) ?? $"<p>{MessageProtector.UnreadableMessage}</p>",
            protector.TryUnprotect(m.ProtectedText) ?? MessageProtector.UnreadableMessage, m.ProviderId);
    }

    /// <summary>
    /// Queues a failed (or waiting) message again, now. One conditional update rather than a tracked entity: the
    /// delivery worker may be claiming the same row, and only one of the two may win.
    /// </summary>
    public async Task<Outcome> RetryAsync(long id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Outbox.Where(m => m.Id == id
            && (m.Status == MessageStatus.Failed || m.Status == MessageStatus.Pending))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, clock.GetUtcNow().UtcDateTime)
                .SetProperty(m => m.Attempts, 0), ct);
        if (changed == 0) return Outcome.Fail("Only a failed or waiting message can be retried.");
        var to = await db.Outbox.Where(m => m.Id == id).Select(m => m.To).SingleAsync(ct);
        db.Raise(new MessageRetried(id, to, actor, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        outbox.Signal();
        return Outcome.Ok;
    }

    public async Task<IReadOnlyList<string>> KindsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Outbox.Select(m => m.Kind).Distinct().OrderBy(k => k).ToListAsync(ct);
    }

    /// <summary>
    /// Waits for a message's first delivery attempt to end (sent, or failed with the server's reason) so that "Send
    /// test email" can say at once what happened; null when no attempt ended within <paramref name="timeout"/>.
    /// </summary>
    public async Task<MailboxRow?> FirstAttemptAsync(long id, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var row = (await GetAsync(id, ct))?.Row;
            if (row is null || row.Status is MessageStatus.Sent or MessageStatus.Failed
                || (row.Status == MessageStatus.Pending && row.Attempts > 0))
                return row;
            if (clock.GetUtcNow() > deadline) return null;
            await Task.Delay(200, ct);
        }
    }
}
