using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>The outbox (every email and SMS), learners' link/code/reset requests (also the throttle ledger) and sign-in codes.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122030000_OutboxAndLoginRequests")]
public sealed class OutboxAndLoginRequests : Migration
{
    private const string Schema = """
        CREATE TABLE "LoginRequests" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_LoginRequests" PRIMARY KEY AUTOINCREMENT,
            "Kind" INTEGER NOT NULL,
            "NormalizedEmail" TEXT NOT NULL,
            "IpAddress" TEXT NULL,
            "RequestedAt" TEXT NOT NULL,
            "ProcessedAt" TEXT NULL,
            "Target" TEXT NULL
        );

        CREATE TABLE "Outbox" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY AUTOINCREMENT,
            "Channel" INTEGER NOT NULL,
            "Kind" TEXT NOT NULL,
            "To" TEXT NOT NULL,
            "Subject" TEXT NULL,
            "ProtectedHtml" TEXT NOT NULL,
            "ProtectedText" TEXT NOT NULL,
            "Status" INTEGER NOT NULL,
            "Attempts" INTEGER NOT NULL,
            "CreatedAt" TEXT NOT NULL,
            "NextAttemptAt" TEXT NOT NULL,
            "LockedUntil" TEXT NULL,
            "SentAt" TEXT NULL,
            "LastError" TEXT NULL,
            "ProviderId" TEXT NULL,
            "IdempotencyKey" TEXT NOT NULL,
            "ContactId" INTEGER NULL,
            "MagicLinkId" INTEGER NULL
        );

        CREATE TABLE "LoginCodes" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_LoginCodes" PRIMARY KEY AUTOINCREMENT,
            "ContactId" INTEGER NOT NULL,
            "CodeHash" BLOB NOT NULL,
            "CreatedAt" TEXT NOT NULL,
            "ExpiresAt" TEXT NOT NULL,
            "FailedAttempts" INTEGER NOT NULL,
            "ConsumedAt" TEXT NULL,
            CONSTRAINT "FK_LoginCodes_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
        );

        CREATE INDEX "IX_LoginCodes_ContactId_CreatedAt" ON "LoginCodes" ("ContactId", "CreatedAt");

        CREATE INDEX "IX_LoginRequests_IpAddress_RequestedAt" ON "LoginRequests" ("IpAddress", "RequestedAt");

        CREATE INDEX "IX_LoginRequests_NormalizedEmail_RequestedAt" ON "LoginRequests" ("NormalizedEmail", "RequestedAt");

        CREATE INDEX "IX_LoginRequests_ProcessedAt" ON "LoginRequests" ("ProcessedAt");

        CREATE INDEX "IX_Outbox_ContactId_CreatedAt" ON "Outbox" ("ContactId", "CreatedAt");

        CREATE UNIQUE INDEX "IX_Outbox_IdempotencyKey" ON "Outbox" ("IdempotencyKey");

        CREATE INDEX "IX_Outbox_MagicLinkId" ON "Outbox" ("MagicLinkId");

        CREATE INDEX "IX_Outbox_Status_NextAttemptAt" ON "Outbox" ("Status", "NextAttemptAt");
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in Schema.Split(";", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            migrationBuilder.Sql(statement + ";");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("LoginCodes");
        migrationBuilder.DropTable("Outbox");
        migrationBuilder.DropTable("LoginRequests");
    }
}
