using ClientPortal.Domain.Entities;

namespace ClientPortal.Infrastructure.Data.Writes;

/// <summary>The outbox's sent marks, many of which share one commit.</summary>
public static class OutboxWrites
{
    /// <summary>
    /// Leases up to <paramref name="limit"/> due messages to <paramref name="node"/> (status Sending until
    /// <paramref name="leaseUntil"/>, one more attempt) and returns their ids (<see cref="Leases"/>).
    /// </summary>
    public static Task<List<long>> ClaimDueAsync(this PortalDbContext db, DateTime now, DateTime leaseUntil,
        string node,
        int limit,
        CancellationToken ct) =>
        Leases.ClaimAsync(db, "Outbox",
            """ "Status" = {0}, "LockedUntil" = {1}, "LeasedBy" = {2}, "Attempts" = "Attempts" + 1 """,
            """ "Status" = {3} AND "NextAttemptAt" <= {4} """, """ "NextAttemptAt", "Id" """, limit, ct,
            (int)MessageStatus.Sending, leaseUntil, node, (int)MessageStatus.Pending, now);

    public static void MarkSent(this WriteSession session, long messageId, DateTime sentAt, string? providerId) =>
        session.Update("""
            UPDATE "Outbox"
            SET "Status" = @p0, "SentAt" = @p1, "ProviderId" = @p2, "LockedUntil" = NULL, "LastError" = NULL
            WHERE "Id" = @p3
            """, (int)MessageStatus.Sent, sentAt, providerId, messageId);
}
