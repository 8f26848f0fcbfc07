using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>A covering index for the dashboard funnel's invited/joined counts (they scanned the contacts table).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122050000_FunnelIndex")]
public sealed class FunnelIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""CREATE INDEX "IX_Contacts_InvitedAt_FirstAccessAt_DeletedAt" ON "Contacts" ("InvitedAt", "FirstAccessAt", "DeletedAt");""");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""DROP INDEX "IX_Contacts_InvitedAt_FirstAccessAt_DeletedAt";""");
}
