using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>Edited message templates, durable bulk-send jobs, and the Owner's email delivery settings.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122040000_TemplatesJobsEmailSettings")]
public sealed class TemplatesJobsEmailSettings : Migration
{
    private static readonly string[] SettingsColumns =
    [
        "\"EmailProvider\" TEXT NULL", "\"SmtpHost\" TEXT NULL", "\"SmtpPort\" INTEGER NULL", "\"SmtpEnableTls\" INTEGER NULL",
        "\"SmtpUserName\" TEXT NULL", "\"SmtpPasswordProtected\" TEXT NULL", "\"EmailFrom\" TEXT NULL", "\"EmailFromName\" TEXT NULL",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "BulkJobs" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_BulkJobs" PRIMARY KEY,
                "Kind" INTEGER NOT NULL,
                "RecipientIds" TEXT NOT NULL,
                "Section" TEXT NULL,
                "CreatedAt" TEXT NOT NULL,
                "CreatedBy" TEXT NULL,
                "CreatedById" TEXT NULL,
                "Total" INTEGER NOT NULL,
                "Done" INTEGER NOT NULL,
                "Skipped" INTEGER NOT NULL,
                "Failed" INTEGER NOT NULL,
                "CompletedAt" TEXT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "MessageTemplates" (
                "Key" TEXT NOT NULL CONSTRAINT "PK_MessageTemplates" PRIMARY KEY,
                "Subject" TEXT NOT NULL,
                "Body" TEXT NOT NULL,
                "UpdatedAt" TEXT NOT NULL,
                "UpdatedBy" TEXT NULL
            );
            """);
        foreach (var column in SettingsColumns) migrationBuilder.Sql($"ALTER TABLE \"Settings\" ADD COLUMN {column};");
        migrationBuilder.Sql("""CREATE INDEX "IX_BulkJobs_CompletedAt" ON "BulkJobs" ("CompletedAt");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_BulkJobs_CreatedAt" ON "BulkJobs" ("CreatedAt");""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("MessageTemplates");
        migrationBuilder.DropTable("BulkJobs");
        foreach (var column in SettingsColumns.AsEnumerable().Reverse())
            migrationBuilder.Sql($"ALTER TABLE \"Settings\" DROP COLUMN {column.Split(' ')[0]};");
    }
}
