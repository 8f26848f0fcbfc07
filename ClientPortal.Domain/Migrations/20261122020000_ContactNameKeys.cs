using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>
/// Indexed, lower-cased name keys so the contacts grid's name-prefix search is an index range at a
/// million contacts (a LIKE on the raw names scanned the table). Backfills existing rows.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122020000_ContactNameKeys")]
public sealed class ContactNameKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "Contacts" ADD COLUMN "FirstNameKey" TEXT NULL;""");
        migrationBuilder.Sql("""ALTER TABLE "Contacts" ADD COLUMN "LastNameKey" TEXT NULL;""");
        migrationBuilder.Sql("""
            UPDATE "Contacts" SET
                "FirstNameKey" = CASE WHEN trim(coalesce("FirstName", '')) = '' THEN NULL ELSE lower(trim("FirstName")) END,
                "LastNameKey" = CASE WHEN trim(coalesce("LastName", '')) = '' THEN NULL ELSE lower(trim("LastName")) END;
            """);
        migrationBuilder.Sql("""DROP INDEX "IX_Contacts_LastName";""");
        migrationBuilder.Sql("""CREATE INDEX "IX_Contacts_FirstNameKey" ON "Contacts" ("FirstNameKey");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_Contacts_LastNameKey" ON "Contacts" ("LastNameKey");""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP INDEX "IX_Contacts_LastNameKey";""");
        migrationBuilder.Sql("""DROP INDEX "IX_Contacts_FirstNameKey";""");
        migrationBuilder.Sql("""CREATE INDEX "IX_Contacts_LastName" ON "Contacts" ("LastName");""");
        migrationBuilder.Sql("""ALTER TABLE "Contacts" DROP COLUMN "LastNameKey";""");
        migrationBuilder.Sql("""ALTER TABLE "Contacts" DROP COLUMN "FirstNameKey";""");
    }
}
