using ClientPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientPortal.Domain.Migrations;

/// <summary>The learner portal: lesson progress and its once-only milestones, communities, affiliates, public sign-up.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122070000_LearnerPortal")]
public sealed class LearnerPortal : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "Contacts" ADD COLUMN "FirstLessonStartedAt" TEXT NULL;""");
        migrationBuilder.Sql("""ALTER TABLE "LoginRequests" ADD COLUMN "FirstName" TEXT NULL;""");
        migrationBuilder.Sql("""ALTER TABLE "LoginRequests" ADD COLUMN "ReferralClickId" INTEGER NULL;""");
        migrationBuilder.Sql("""ALTER TABLE "Settings" ADD COLUMN "AllowSignUp" INTEGER NOT NULL DEFAULT 0;""");
        migrationBuilder.Sql("""
            CREATE TABLE "Affiliates" (
                "ContactId" INTEGER NOT NULL CONSTRAINT "PK_Affiliates" PRIMARY KEY,
                "Code" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "RemovedAt" TEXT NULL,
                CONSTRAINT "FK_Affiliates_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "ProgressMilestones" (
                "ContactId" INTEGER NOT NULL,
                "Kind" INTEGER NOT NULL,
                "SubjectId" INTEGER NOT NULL,
                "At" TEXT NOT NULL,
                CONSTRAINT "PK_ProgressMilestones" PRIMARY KEY ("ContactId", "Kind", "SubjectId"),
                CONSTRAINT "FK_ProgressMilestones_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "CommunityPosts" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_CommunityPosts" PRIMARY KEY AUTOINCREMENT,
                "ProductId" INTEGER NOT NULL,
                "AuthorContactId" INTEGER NULL,
                "AuthorUserId" TEXT NULL,
                "AuthorName" TEXT NOT NULL,
                "ByTeam" INTEGER NOT NULL,
                "BodyMarkdown" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "DeletedAt" TEXT NULL,
                "DeletedBy" TEXT NULL,
                CONSTRAINT "FK_CommunityPosts_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AffiliateClicks" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_AffiliateClicks" PRIMARY KEY AUTOINCREMENT,
                "AffiliateContactId" INTEGER NOT NULL,
                "At" TEXT NOT NULL,
                CONSTRAINT "FK_AffiliateClicks_Affiliates_AffiliateContactId" FOREIGN KEY ("AffiliateContactId") REFERENCES "Affiliates" ("ContactId") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AffiliateReferrals" (
                "ContactId" INTEGER NOT NULL CONSTRAINT "PK_AffiliateReferrals" PRIMARY KEY,
                "AffiliateContactId" INTEGER NOT NULL,
                "ClickId" INTEGER NOT NULL,
                "At" TEXT NOT NULL,
                CONSTRAINT "FK_AffiliateReferrals_Affiliates_AffiliateContactId" FOREIGN KEY ("AffiliateContactId") REFERENCES "Affiliates" ("ContactId") ON DELETE CASCADE,
                CONSTRAINT "FK_AffiliateReferrals_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "CommunityComments" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_CommunityComments" PRIMARY KEY AUTOINCREMENT,
                "PostId" INTEGER NOT NULL,
                "AuthorContactId" INTEGER NULL,
                "AuthorUserId" TEXT NULL,
                "AuthorName" TEXT NOT NULL,
                "ByTeam" INTEGER NOT NULL,
                "BodyMarkdown" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "DeletedAt" TEXT NULL,
                "DeletedBy" TEXT NULL,
                CONSTRAINT "FK_CommunityComments_CommunityPosts_PostId" FOREIGN KEY ("PostId") REFERENCES "CommunityPosts" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "LessonProgress" (
                "ContactId" INTEGER NOT NULL,
                "LessonId" INTEGER NOT NULL,
                "ProductId" INTEGER NOT NULL,
                "StartedAt" TEXT NOT NULL,
                "LastOpenedAt" TEXT NOT NULL,
                "CompletedAt" TEXT NULL,
                CONSTRAINT "PK_LessonProgress" PRIMARY KEY ("ContactId", "LessonId"),
                CONSTRAINT "FK_LessonProgress_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_LessonProgress_Lessons_LessonId" FOREIGN KEY ("LessonId") REFERENCES "Lessons" ("Id") ON DELETE CASCADE
            );
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_AffiliateClicks_AffiliateContactId_At" ON "AffiliateClicks" ("AffiliateContactId", "At");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_AffiliateReferrals_AffiliateContactId" ON "AffiliateReferrals" ("AffiliateContactId");
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_Affiliates_Code" ON "Affiliates" ("Code");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_CommunityComments_PostId_Id" ON "CommunityComments" ("PostId", "Id");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_CommunityPosts_ProductId_DeletedAt_Id" ON "CommunityPosts" ("ProductId", "DeletedAt", "Id");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_Contacts_FirstLessonStartedAt_InvitedAt_DeletedAt" ON "Contacts" ("FirstLessonStartedAt", "InvitedAt", "DeletedAt");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_LessonProgress_ContactId_ProductId_LastOpenedAt" ON "LessonProgress" ("ContactId", "ProductId", "LastOpenedAt");
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_LessonProgress_LessonId" ON "LessonProgress" ("LessonId");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "LessonProgress";""");
        migrationBuilder.Sql("""DROP TABLE "CommunityComments";""");
        migrationBuilder.Sql("""DROP TABLE "AffiliateReferrals";""");
        migrationBuilder.Sql("""DROP TABLE "AffiliateClicks";""");
        migrationBuilder.Sql("""DROP TABLE "CommunityPosts";""");
        migrationBuilder.Sql("""DROP TABLE "ProgressMilestones";""");
        migrationBuilder.Sql("""DROP TABLE "Affiliates";""");
        migrationBuilder.Sql("""DROP INDEX "IX_Contacts_FirstLessonStartedAt_InvitedAt_DeletedAt";""");
        migrationBuilder.Sql("""ALTER TABLE "Settings" DROP COLUMN "AllowSignUp";""");
        migrationBuilder.Sql("""ALTER TABLE "LoginRequests" DROP COLUMN "ReferralClickId";""");
        migrationBuilder.Sql("""ALTER TABLE "LoginRequests" DROP COLUMN "FirstName";""");
        migrationBuilder.Sql("""ALTER TABLE "Contacts" DROP COLUMN "FirstLessonStartedAt";""");
    }
}
