using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>
/// Maintained dashboard counts (the five COUNTs over up to a million index entries took ~55 ms of the dashboard at
/// 1,000,000 contacts). The row counts every contact up to CountedThroughId; triggers keep it exact when those contacts
/// change or are deleted. Newer contacts are counted live and folded in from time to time (PortalStats), because any
/// AFTER INSERT trigger on Contacts cost ~20 µs a row and slowed CSV imports by a third.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122090000_ContactTallies")]
public sealed class ContactTallies : Migration
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

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE TABLE "ContactTallies" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_ContactTallies" PRIMARY KEY,
                "CountedThroughId" INTEGER NOT NULL,
                {string.Join(",\n    ", Counts.Select(c => $"\"{c.Column}\" INTEGER NOT NULL"))}
            );
            """);
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

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "TR_Contacts_Tally_Update";""");
        migrationBuilder.Sql("""DROP TRIGGER "TR_Contacts_Tally_Delete";""");
        migrationBuilder.Sql("""DROP TABLE "ContactTallies";""");
    }
}
