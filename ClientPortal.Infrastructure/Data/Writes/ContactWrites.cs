using ClientPortal.Domain.Entities;
using ClientPortal.Domain.SignIn;

namespace ClientPortal.Infrastructure.Data.Writes;

/// <summary>The contact statements of the sign-in write.</summary>
public static class ContactWrites
{
    /// <summary>The contact unless it was deleted.</summary>
    public static SignInContact? FindLiveContact(this WriteSession session, long contactId)
    {
        using var row = session.Command("""
            SELECT "Email", "FirstName", "LastName", "UserId" FROM "Contacts" WHERE "Id" = @p0 AND "DeletedAt" IS NULL
            """, contactId).ExecuteReader();
        return row.Read() ? new SignInContact(contactId, row.GetString(0), Text(row, 1), Text(row, 2), Text(row, 3))
            : null;
    }

    /// <summary>
    /// Records an entry into the portal: the first one makes the contact Active (conditional, so two simultaneous first
    /// entries count one join); every one sets the last access. True for the first.
    /// </summary>
    public static bool RecordEntry(this WriteSession session, long contactId, DateTime now)
    {
        var first = session.Update("""
            UPDATE "Contacts"
            SET "PortalStatus" = @p0, "FirstAccessAt" = coalesce("FirstAccessAt", @p1), "LastAccessAt" = @p1
            WHERE "Id" = @p2 AND "PortalStatus" <> @p0
            """, (int)PortalStatus.Active, now, contactId) == 1;
        if (!first) session.Update("""UPDATE "Contacts" SET "LastAccessAt" = @p0 WHERE "Id" = @p1""", now, contactId);
        return first;
    }

    public static void LinkUser(this WriteSession session, long contactId, string userId) =>
        session.Update("""UPDATE "Contacts" SET "UserId" = @p0 WHERE "Id" = @p1""", userId, contactId);

    internal static string? Text(System.Data.Common.DbDataReader row, int i) =>
        row.IsDBNull(i) ? null : row.GetString(i);
}
