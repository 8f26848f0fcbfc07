using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data.Writes;

public static class IdempotencyWrites
{
    /// <summary>
    /// Registers an Idempotency-Key unless another request holds it; the new row's id, or null when the key was taken
    /// meanwhile. One statement that cannot fail on the key's uniqueness: a collision is an ordinary answer (409), not
    /// a failed save that logs an exception.
    /// </summary>
    public static async Task<long?> TryBeginIdempotentRequestAsync(this PortalDbContext db, long apiKeyId, string key,
        byte[] requestHash,
        DateTime now, CancellationToken ct)
    {
        byte[] empty = [];
        var ids = await db.Database.SqlQuery<long>(
            $"""
            INSERT INTO "IdempotentRequests" ("ApiKeyId", "Key", "RequestHash", "StatusCode", "Body", "CreatedAt")
            VALUES ({apiKeyId}, {key}, {requestHash}, 0, {empty}, {now}) ON CONFLICT DO NOTHING RETURNING "Id"
            """)
            .ToListAsync(ct);
        return ids.Count == 1 ? ids[0] : null;
    }
}
