using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Infrastructure.Migrations;

/// <summary>
/// SQL the model cannot express, called from the generated migration that creates ContactTallies: the row that counts
/// every contact up to CountedThroughId (a backfill, so it is right on a database that already has contacts) and the
/// triggers that keep it exact when those contacts change or are deleted. Newer contacts are counted live and folded
/// in from time to time (PortalStats): an AFTER INSERT trigger on Contacts would slow every CSV import row.
/// </summary>
public static class ContactTallyTriggers
{
    // Each count and the contact rows it counts; {0} is NEW or OLD inside a trigger, the table name in the backfill.
    private static readonly (string Column, string Counts)[] Counts =
    [
        ("Invited", """{0}."PortalStatus" = 1 AND {0}."DeletedAt" IS NULL"""),
        ("Active", """{0}."PortalStatus" = 2 AND {0}."DeletedAt" IS NULL"""),
        ("EverInvited", """{0}."InvitedAt" IS NOT NULL AND {0}."DeletedAt" IS NULL"""),
        ("Joined", """{0}."InvitedAt" IS NOT NULL AND {0}."FirstAccessAt" IS NOT NULL AND {0}."DeletedAt" IS NULL"""),
        ("FirstLessonStarted", """{0}."FirstLessonStartedAt" IS NOT NULL AND {0}."InvitedAt" IS NOT NULL AND {0}."DeletedAt" IS NULL"""),
    ];

    private static string Set(Func<string, string> delta) =>
        string.Join(", ", Counts.Select(c => $"\"{c.Column}\" = \"{c.Column}\" + {delta(c.Counts)}"));

    // Only contacts already in the tally, and only changes that move a count, touch the row.
    private const string Counted = """OLD."Id" <= (SELECT "CountedThroughId" FROM "ContactTallies" WHERE "Id" = 1)""";

    private static string When(Func<string, string> counts) => string.Join(" OR ", Counts.Select(c => $"({counts(c.Counts)})"));

    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            INSERT INTO "ContactTallies" ("Id", "CountedThroughId", {string.Join(", ", Counts.Select(c => $"\"{c.Column}\""))})
            SELECT 1, COALESCE(MAX("Id"), 0), {string.Join(", ", Counts.Select(c => $"COALESCE(SUM({string.Format(c.Counts, "\"Contacts\"")}), 0)"))} FROM "Contacts";
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "TR_Contacts_Tally_Delete" AFTER DELETE ON "Contacts"
            WHEN {Counted} AND ({When(p => string.Format(p, "OLD"))}) BEGIN
                UPDATE "ContactTallies" SET {Set(p => $"- ({string.Format(p, "OLD")})")} WHERE "Id" = 1;
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "TR_Contacts_Tally_Update"
            AFTER UPDATE OF "PortalStatus", "DeletedAt", "InvitedAt", "FirstAccessAt", "FirstLessonStartedAt" ON "Contacts"
            WHEN {Counted} AND ({When(p => $"({string.Format(p, "NEW")}) <> ({string.Format(p, "OLD")})")}) BEGIN
                UPDATE "ContactTallies" SET {Set(p => $"({string.Format(p, "NEW")}) - ({string.Format(p, "OLD")})")} WHERE "Id" = 1;
            END;
            """);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TR_Contacts_Tally_Update";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TR_Contacts_Tally_Delete";""");
    }
}
