using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>Workflows: definitions with immutable published versions, durable runs and their step log.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122080000_Workflows")]
public sealed class Workflows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "Workflows" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Workflows" PRIMARY KEY AUTOINCREMENT,
                "Name" TEXT NOT NULL,
                "Enabled" INTEGER NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "CurrentVersionId" INTEGER NULL,
                "WebhookSecret" TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "WorkflowVersions" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_WorkflowVersions" PRIMARY KEY AUTOINCREMENT,
                "WorkflowId" INTEGER NOT NULL,
                "Number" INTEGER NOT NULL,
                "Trigger" INTEGER NOT NULL,
                "FilterKind" INTEGER NOT NULL,
                "FilterId" INTEGER NULL,
                "FilterTag" TEXT NULL,
                "StepsJson" TEXT NOT NULL,
                "PublishedAt" TEXT NOT NULL,
                "PublishedBy" TEXT NULL,
                CONSTRAINT "FK_WorkflowVersions_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "WorkflowRuns" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_WorkflowRuns" PRIMARY KEY AUTOINCREMENT,
                "WorkflowId" INTEGER NOT NULL,
                "WorkflowVersionId" INTEGER NOT NULL,
                "ContactId" INTEGER NULL,
                "Trigger" INTEGER NOT NULL,
                "TriggerData" TEXT NOT NULL,
                "Depth" INTEGER NOT NULL,
                "Status" INTEGER NOT NULL,
                "CurrentStep" INTEGER NOT NULL,
                "Attempts" INTEGER NOT NULL,
                "NextAttemptAt" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "CompletedAt" TEXT NULL,
                "Error" TEXT NULL,
                CONSTRAINT "FK_WorkflowRuns_WorkflowVersions_WorkflowVersionId" FOREIGN KEY ("WorkflowVersionId") REFERENCES "WorkflowVersions" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_WorkflowRuns_Workflows_WorkflowId" FOREIGN KEY ("WorkflowId") REFERENCES "Workflows" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "WorkflowStepLogs" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_WorkflowStepLogs" PRIMARY KEY AUTOINCREMENT,
                "RunId" INTEGER NOT NULL,
                "StepIndex" INTEGER NOT NULL,
                "Kind" INTEGER NOT NULL,
                "Status" INTEGER NOT NULL,
                "Attempt" INTEGER NOT NULL,
                "StartedAt" TEXT NOT NULL,
                "FinishedAt" TEXT NOT NULL,
                "Detail" TEXT NULL,
                CONSTRAINT "FK_WorkflowStepLogs_WorkflowRuns_RunId" FOREIGN KEY ("RunId") REFERENCES "WorkflowRuns" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_WorkflowRuns_ContactId_Id" ON "WorkflowRuns" ("ContactId", "Id");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_WorkflowRuns_Status_NextAttemptAt" ON "WorkflowRuns" ("Status", "NextAttemptAt");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_WorkflowRuns_WorkflowId_Id" ON "WorkflowRuns" ("WorkflowId", "Id");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_WorkflowRuns_WorkflowVersionId" ON "WorkflowRuns" ("WorkflowVersionId");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_Workflows_Name" ON "Workflows" ("Name");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_WorkflowStepLogs_RunId_Id" ON "WorkflowStepLogs" ("RunId", "Id");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_WorkflowVersions_WorkflowId_Number" ON "WorkflowVersions" ("WorkflowId", "Number");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "WorkflowStepLogs";""");
        migrationBuilder.Sql("""DROP TABLE "WorkflowRuns";""");
        migrationBuilder.Sql("""DROP TABLE "WorkflowVersions";""");
        migrationBuilder.Sql("""DROP TABLE "Workflows";""");
    }
}
