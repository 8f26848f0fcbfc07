using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Infrastructure.Migrations;

/// <summary>
/// SQL the model cannot express, called from the generated migration that creates ContactTallies: the row that counts
/// every contact up to CountedThroughId (a backfill, so it is right on a database that already has contacts) and the
/// triggers that keep it exact when those contacts change or are deleted. Newer contacts are counted live and folded
/// in from time to time (PortalStats): an AFTER INSERT trigger on Contacts would slow every CSV import row.
/// </summary>
internal static class ContactTallyTriggers
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

    // SQLite's comparisons are 0 or 1 already; PostgreSQL's are booleans, counted as integers.
    private static string Num(MigrationBuilder m, string condition) => m.IsNpgsql() ? $"(({condition})::int)" : $"({condition})";

    private static string Set(MigrationBuilder m, Func<string, string> delta) =>
        string.Join(", ", Counts.Select(c => $"\"{c.Column}\" = \"{c.Column}\" + {delta(c.Counts)}"));

    // Only contacts already in the tally, and only changes that move a count, touch the row.
    private const string Counted = """OLD."Id" <= (SELECT "CountedThroughId" FROM "ContactTallies" WHERE "Id" = 1)""";

    private static string When(Func<string, string> counts) => string.Join(" OR ", Counts.Select(c => $"({counts(c.Counts)})"));

    private const string Columns = "\"PortalStatus\", \"DeletedAt\", \"InvitedAt\", \"FirstAccessAt\", \"FirstLessonStartedAt\"";

    public static void Create(MigrationBuilder m)
    {
        m.Sql($"""
            INSERT INTO "ContactTallies" ("Id", "CountedThroughId", {string.Join(", ", Counts.Select(c => $"\"{c.Column}\""))})
            SELECT 1, COALESCE(MAX("Id"), 0), {string.Join(", ", Counts.Select(c => $"COALESCE(SUM({Num(m, string.Format(c.Counts, "\"Contacts\""))}), 0)"))} FROM "Contacts";
            """);
        var deleted = When(p => string.Format(p, "OLD"));
        var removeOld = Set(m, p => $"- {Num(m, string.Format(p, "OLD"))}");
        var changed = When(p => $"({string.Format(p, "NEW")}) <> ({string.Format(p, "OLD")})");
        var moveBy = Set(m, p => $"{Num(m, string.Format(p, "NEW"))} - {Num(m, string.Format(p, "OLD"))}");
        if (m.IsNpgsql())
        {
            // A trigger's WHEN cannot hold a subquery in PostgreSQL: the functions test what SQLite's WHEN does.
            m.Sql($"""
                CREATE FUNCTION "FN_Contacts_Tally_Delete"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF {Counted} THEN
                        UPDATE "ContactTallies" SET {removeOld} WHERE "Id" = 1;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_Contacts_Tally_Delete" AFTER DELETE ON "Contacts" FOR EACH ROW
                WHEN ({deleted}) EXECUTE FUNCTION "FN_Contacts_Tally_Delete"();
                """);
            m.Sql($"""
                CREATE FUNCTION "FN_Contacts_Tally_Update"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF {Counted} THEN
                        UPDATE "ContactTallies" SET {moveBy} WHERE "Id" = 1;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_Contacts_Tally_Update" AFTER UPDATE OF {Columns} ON "Contacts" FOR EACH ROW
                WHEN ({changed}) EXECUTE FUNCTION "FN_Contacts_Tally_Update"();
                """);
            return;
        }
        m.Sql($"""
            CREATE TRIGGER "TR_Contacts_Tally_Delete" AFTER DELETE ON "Contacts"
            WHEN {Counted} AND ({deleted}) BEGIN
                UPDATE "ContactTallies" SET {removeOld} WHERE "Id" = 1;
            END;
            """);
        m.Sql($"""
            CREATE TRIGGER "TR_Contacts_Tally_Update"
            AFTER UPDATE OF {Columns} ON "Contacts"
            WHEN {Counted} AND ({changed}) BEGIN
                UPDATE "ContactTallies" SET {moveBy} WHERE "Id" = 1;
            END;
            """);
    }

    public static void Drop(MigrationBuilder m)
    {
        m.Sql("""DROP TRIGGER IF EXISTS "TR_Contacts_Tally_Update" """ + (m.IsNpgsql() ? """ON "Contacts";""" : ";"));
        m.Sql("""DROP TRIGGER IF EXISTS "TR_Contacts_Tally_Delete" """ + (m.IsNpgsql() ? """ON "Contacts";""" : ";"));
        if (!m.IsNpgsql()) return;
        m.Sql("""DROP FUNCTION IF EXISTS "FN_Contacts_Tally_Update"();""");
        m.Sql("""DROP FUNCTION IF EXISTS "FN_Contacts_Tally_Delete"();""");
    }
}
