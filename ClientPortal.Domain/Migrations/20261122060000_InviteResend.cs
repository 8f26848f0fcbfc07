using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>The optional one-time invite re-send: the setting, and when each contact's re-send went out.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122060000_InviteResend")]
public sealed class InviteResend : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "Contacts" ADD COLUMN "InviteResentAt" TEXT NULL;""");
        migrationBuilder.Sql("""ALTER TABLE "Settings" ADD COLUMN "InviteResendAfterDays" INTEGER NULL;""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "Settings" DROP COLUMN "InviteResendAfterDays";""");
        migrationBuilder.Sql("""ALTER TABLE "Contacts" DROP COLUMN "InviteResentAt";""");
    }
}
