using ClientPortal.Domain.Entities;
using ClientPortal.Domain.SignIn;

namespace ClientPortal.Infrastructure.Data.Writes;

/// <summary>The magic-link statements of the sign-in write (inside a group-commit batch, which holds SQLite's write
/// lock).</summary>
public static class MagicLinkWrites
{
    /// <summary>
    /// The link with this token hash, as stored, the portal's current link epoch and the link's contact unless deleted
    /// (one statement: the contact is read once for the whole sign-in); null when there is no such link.
    /// </summary>
    public static LinkToRedeem? FindForRedemption(this WriteSession session, byte[] tokenHash)
    {
        using var row = session.Command("""
            SELECT l."Id", l."ContactId", l."UserId", l."Purpose", l."TargetSection", l."Policy", l."ExpiresAt",
                   l."ConsumedAt", l."ConsumedByBrowser", l."RevokedAt", l."Epoch",
                   (SELECT "LinkEpoch" FROM "Settings" LIMIT 1),
                   c."Email", c."FirstName", c."LastName", c."UserId"
            FROM "MagicLinks" l LEFT JOIN "Contacts" c ON c."Id" = l."ContactId" AND c."DeletedAt" IS NULL
            WHERE l."TokenHash" = @p0
            """, tokenHash).ExecuteReader();
        if (!row.Read()) return null;
        var link = MagicLink.Read(row.GetInt64(0), tokenHash,
            contactId: row.IsDBNull(1) ? null : row.GetInt64(1),
            userId: row.IsDBNull(2) ? null : row.GetString(2),
            purpose: (MagicLinkPurpose)row.GetInt32(3),
            section: row.GetString(4),
            policy: (LinkUsePolicy)row.GetInt32(5),
            expiresAt: row.GetDateTime(6),
            consumedAt: row.IsDBNull(7) ? null : row.GetDateTime(7),
            consumedByBrowser: row.IsDBNull(8) ? null : (byte[])row.GetValue(8),
            revokedAt: row.IsDBNull(9) ? null : row.GetDateTime(9),
            epoch: row.GetInt32(10));
        var contact = row.IsDBNull(12) ? null
            : new SignInContact(link.ContactId!.Value, row.GetString(12), ContactWrites.Text(row, 13),
                ContactWrites.Text(row, 14),
                ContactWrites.Text(row, 15));
        return new LinkToRedeem(link, row.GetInt32(11), contact);
    }

    /// <summary>
    /// Marks the link used by <paramref name="browser"/>: a single-use link only if nobody used it first, a reusable
    /// one keeping its first use. False when the row had changed (revoked or used meanwhile).
    /// </summary>
    public static bool Consume(this WriteSession session, MagicLink link, DateTime now, byte[] browser) =>
        (link.Policy == LinkUsePolicy.SingleUse
            ? session.Update("""
                UPDATE "MagicLinks" SET "ConsumedAt" = @p0, "ConsumedByBrowser" = @p1, "LastUsedAt" = @p0
                WHERE "Id" = @p2 AND "ConsumedAt" IS NULL AND "RevokedAt" IS NULL
                """, now, browser, link.Id)
            : session.Update("""
                UPDATE "MagicLinks" SET "LastUsedAt" = @p0, "ConsumedAt" = coalesce("ConsumedAt", @p0)
                WHERE "Id" = @p1 AND "RevokedAt" IS NULL
                """, now, link.Id)) == 1;

    /// <summary>Revokes the contact's other single-use links that are still unused and unexpired.</summary>
    public static void RevokeOtherUnusedSingleUse(this WriteSession session, long contactId, long exceptLinkId,
        DateTime now) =>
        session.Update("""
            UPDATE "MagicLinks" SET "RevokedAt" = @p0
            WHERE "ContactId" = @p1 AND "Id" <> @p2 AND "Policy" = @p3 AND "ConsumedAt" IS NULL AND "RevokedAt" IS NULL
              AND "ExpiresAt" > @p0
            """, now, contactId, exceptLinkId, (int)LinkUsePolicy.SingleUse);

    /// <summary>Records the first delivery of the link's message.</summary>
    public static void MarkDelivered(this WriteSession session, long linkId, DateTime at) =>
        session.Update("""UPDATE "MagicLinks" SET "DeliveredAt" = @p0 WHERE "Id" = @p1 AND "DeliveredAt" IS NULL""", at,
            linkId);
}
