using ClientPortal.Domain.Entities;

namespace ClientPortal.Infrastructure.Data.Writes;

/// <summary>The outbox's sent marks, many of which share one commit.</summary>
public static class OutboxWrites
{
    public static void MarkSent(this WriteSession session, long messageId, DateTime sentAt, string? providerId) =>
        session.Update("""
            UPDATE "Outbox" SET "Status" = @p0, "SentAt" = @p1, "ProviderId" = @p2, "LockedUntil" = NULL, "LastError" = NULL
            WHERE "Id" = @p3
            """, (int)MessageStatus.Sent, sentAt, providerId, messageId);
}
