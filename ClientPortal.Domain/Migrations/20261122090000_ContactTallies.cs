using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>
/// Maintained dashboard counts: one row updated by triggers on every insert, delete and relevant update of a contact
/// (the five COUNTs over up to a million index entries took ~55 ms of the dashboard at 1,000,000 contacts).
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

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE TABLE "ContactTallies" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_ContactTallies" PRIMARY KEY,
                {string.Join(",\n    ", Counts.Select(c => $"\"{c.Column}\" INTEGER NOT NULL"))}
            );
            """);
        migrationBuilder.Sql($"""
            INSERT INTO "ContactTallies" ("Id", {string.Join(", ", Counts.Select(c => $"\"{c.Column}\""))})
            SELECT 1, {string.Join(", ", Counts.Select(c => $"COALESCE(SUM({string.Format(c.Counts, "\"Contacts\"")}), 0)"))} FROM "Contacts";
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "TR_Contacts_Tally_Insert" AFTER INSERT ON "Contacts" BEGIN
                UPDATE "ContactTallies" SET {Set(p => $"({string.Format(p, "NEW")})")} WHERE "Id" = 1;
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "TR_Contacts_Tally_Delete" AFTER DELETE ON "Contacts" BEGIN
                UPDATE "ContactTallies" SET {Set(p => $"- ({string.Format(p, "OLD")})")} WHERE "Id" = 1;
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "TR_Contacts_Tally_Update"
            AFTER UPDATE OF "PortalStatus", "DeletedAt", "InvitedAt", "FirstAccessAt", "FirstLessonStartedAt" ON "Contacts" BEGIN
                UPDATE "ContactTallies" SET {Set(p => $"({string.Format(p, "NEW")}) - ({string.Format(p, "OLD")})")} WHERE "Id" = 1;
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "TR_Contacts_Tally_Update";""");
        migrationBuilder.Sql("""DROP TRIGGER "TR_Contacts_Tally_Delete";""");
        migrationBuilder.Sql("""DROP TRIGGER "TR_Contacts_Tally_Insert";""");
        migrationBuilder.Sql("""DROP TABLE "ContactTallies";""");
    }
}
