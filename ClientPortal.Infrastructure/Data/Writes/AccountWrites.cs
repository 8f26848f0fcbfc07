namespace ClientPortal.Infrastructure.Data.Writes;

/// <summary>The Identity account statements of the sign-in write (the account is written beside Identity's stores on
/// this path).</summary>
public static class AccountWrites
{
    public sealed record StoredAccount(string Id, string UserName, string? Email, string SecurityStamp,
        string? DisplayName, long? ContactId,
        IReadOnlyList<string> Roles);

    public static StoredAccount? FindAccountById(this WriteSession session, string id) =>
        Find(session, """ "Id" = @p0 """, id);

    public static StoredAccount? FindAccountByNormalizedEmail(this WriteSession session, string normalizedEmail) =>
        Find(session, """ "NormalizedEmail" = @p0 """, normalizedEmail);

    public static string RoleId(this WriteSession session, string roleName) =>
        (string)session.Command("""SELECT "Id" FROM "AspNetRoles" WHERE "Name" = @p0""", roleName).ExecuteScalar()!;

    public static void LinkContact(this WriteSession session, string userId, long contactId) =>
        session.Update("""UPDATE "AspNetUsers" SET "ContactId" = @p0 WHERE "Id" = @p1""", contactId, userId);

    private static StoredAccount? Find(WriteSession session, string where, string value)
    {
        StoredAccount account;
        using (var user = session.Command($"""
                   SELECT "Id", "UserName", "Email", "SecurityStamp", "DisplayName", "ContactId" FROM "AspNetUsers"
                   WHERE {where}
                   """, value).ExecuteReader())
        {
            if (!user.Read()) return null;
            account = new StoredAccount(user.GetString(0), ContactWrites.Text(user, 1) ?? user.GetString(0),
                ContactWrites.Text(user, 2),
                ContactWrites.Text(user, 3) ?? "", ContactWrites.Text(user, 4),
                    user.IsDBNull(5) ? null : user.GetInt64(5), []);
        }
        var roles = new List<string>();
        using (var names = session.Command("""
                   SELECT r."Name" FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                   WHERE ur."UserId" = @p0
                   """, account.Id).ExecuteReader())
            while (names.Read()) roles.Add(names.GetString(0));
        return account with { Roles = roles };
    }
}
