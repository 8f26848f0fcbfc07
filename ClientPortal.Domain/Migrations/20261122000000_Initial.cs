using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ClientPortal.Domain.Data;

namespace ClientPortal.Domain.Migrations;

/// <summary>
/// The initial schema: Identity, contacts, catalog, offers, grants, magic links, account tokens, audit
/// and settings. Hand-written (no `dotnet ef` here); MigrationDriftTests proves it equals the model.
/// Never edit a shipped migration: add a new one.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    private const string Schema = """
        CREATE TABLE "AccountTokens" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_AccountTokens" PRIMARY KEY AUTOINCREMENT,
            "Purpose" INTEGER NOT NULL,
            "UserId" TEXT NULL,
            "TokenHash" BLOB NOT NULL,
            "CreatedAt" TEXT NOT NULL,
            "ExpiresAt" TEXT NULL,
            "UsedAt" TEXT NULL,
            "RevokedAt" TEXT NULL
        );

        CREATE TABLE "AspNetRoles" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
            "Name" TEXT NULL,
            "NormalizedName" TEXT NULL,
            "ConcurrencyStamp" TEXT NULL
        );

        CREATE TABLE "AspNetUsers" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
            "DisplayName" TEXT NULL,
            "ContactId" INTEGER NULL,
            "IsDisabled" INTEGER NOT NULL,
            "CreatedAt" TEXT NOT NULL,
            "UserName" TEXT NULL,
            "NormalizedUserName" TEXT NULL,
            "Email" TEXT NULL,
            "NormalizedEmail" TEXT NULL,
            "EmailConfirmed" INTEGER NOT NULL,
            "PasswordHash" TEXT NULL,
            "SecurityStamp" TEXT NULL,
            "ConcurrencyStamp" TEXT NULL,
            "PhoneNumber" TEXT NULL,
            "PhoneNumberConfirmed" INTEGER NOT NULL,
            "TwoFactorEnabled" INTEGER NOT NULL,
            "LockoutEnd" TEXT NULL,
            "LockoutEnabled" INTEGER NOT NULL,
            "AccessFailedCount" INTEGER NOT NULL
        );

        CREATE TABLE "AuditEvents" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY AUTOINCREMENT,
            "At" TEXT NOT NULL,
            "ActorId" TEXT NULL,
            "ActorName" TEXT NULL,
            "Action" TEXT NOT NULL,
            "ContactId" INTEGER NULL,
            "Subject" TEXT NULL,
            "Details" TEXT NULL,
            "IpAddress" TEXT NULL,
            "BatchId" TEXT NULL
        );

        CREATE TABLE "Contacts" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Contacts" PRIMARY KEY AUTOINCREMENT,
            "Email" TEXT NOT NULL,
            "NormalizedEmail" TEXT NOT NULL,
            "FirstName" TEXT NULL,
            "LastName" TEXT NULL,
            "Phone" TEXT NULL,
            "CreatedAt" TEXT NOT NULL,
            "PortalStatus" INTEGER NOT NULL,
            "InvitedAt" TEXT NULL,
            "FirstAccessAt" TEXT NULL,
            "LastAccessAt" TEXT NULL,
            "UserId" TEXT NULL,
            "DeletedAt" TEXT NULL
        );

        CREATE TABLE "Offers" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Offers" PRIMARY KEY AUTOINCREMENT,
            "Name" TEXT NOT NULL,
            "Description" TEXT NULL,
            "CreatedAt" TEXT NOT NULL
        );

        CREATE TABLE "Products" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY AUTOINCREMENT,
            "Kind" INTEGER NOT NULL,
            "Title" TEXT NOT NULL,
            "Description" TEXT NULL,
            "CoverUrl" TEXT NULL,
            "IsPublished" INTEGER NOT NULL,
            "ShowLockedInLibrary" INTEGER NOT NULL,
            "UpsellUrl" TEXT NULL,
            "CreatedAt" TEXT NOT NULL
        );

        CREATE TABLE "Settings" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Settings" PRIMARY KEY,
            "PortalName" TEXT NOT NULL,
            "PublicBaseUrl" TEXT NULL,
            "BrandColor" TEXT NOT NULL,
            "LogoUrl" TEXT NULL,
            "SupportEmail" TEXT NULL,
            "LinkEpoch" INTEGER NOT NULL,
            "SelfRequestedLinkMinutes" INTEGER NOT NULL,
            "InviteLinkMinutes" INTEGER NOT NULL,
            "LoginEmailLinkMinutes" INTEGER NOT NULL,
            "AdminLinkMinutes" INTEGER NOT NULL,
            "WorkflowLinkMinutes" INTEGER NOT NULL,
            "DefaultLinkPolicy" INTEGER NOT NULL,
            "DemoSeededAt" TEXT NULL
        );

        CREATE TABLE "AspNetRoleClaims" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
            "RoleId" TEXT NOT NULL,
            "ClaimType" TEXT NULL,
            "ClaimValue" TEXT NULL,
            CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "AspNetUserClaims" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
            "UserId" TEXT NOT NULL,
            "ClaimType" TEXT NULL,
            "ClaimValue" TEXT NULL,
            CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "AspNetUserLogins" (
            "LoginProvider" TEXT NOT NULL,
            "ProviderKey" TEXT NOT NULL,
            "ProviderDisplayName" TEXT NULL,
            "UserId" TEXT NOT NULL,
            CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
            CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "AspNetUserRoles" (
            "UserId" TEXT NOT NULL,
            "RoleId" TEXT NOT NULL,
            CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
            CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
            CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "AspNetUserTokens" (
            "UserId" TEXT NOT NULL,
            "LoginProvider" TEXT NOT NULL,
            "Name" TEXT NOT NULL,
            "Value" TEXT NULL,
            CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
            CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "ContactTags" (
            "ContactId" INTEGER NOT NULL,
            "Tag" TEXT NOT NULL,
            CONSTRAINT "PK_ContactTags" PRIMARY KEY ("ContactId", "Tag"),
            CONSTRAINT "FK_ContactTags_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "MagicLinks" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_MagicLinks" PRIMARY KEY AUTOINCREMENT,
            "TokenHash" BLOB NOT NULL,
            "ContactId" INTEGER NULL,
            "UserId" TEXT NULL,
            "Purpose" INTEGER NOT NULL,
            "TargetSection" TEXT NOT NULL,
            "Policy" INTEGER NOT NULL,
            "CreatedAt" TEXT NOT NULL,
            "CreatedBy" TEXT NULL,
            "ExpiresAt" TEXT NOT NULL,
            "Epoch" INTEGER NOT NULL,
            "DeliveredAt" TEXT NULL,
            "OpenedAt" TEXT NULL,
            "ConsumedAt" TEXT NULL,
            "ConsumedByBrowser" BLOB NULL,
            "LastUsedAt" TEXT NULL,
            "RevokedAt" TEXT NULL,
            CONSTRAINT "CK_MagicLinks_Subject" CHECK ("ContactId" IS NOT NULL OR "UserId" IS NOT NULL),
            CONSTRAINT "FK_MagicLinks_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "Grants" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Grants" PRIMARY KEY AUTOINCREMENT,
            "ContactId" INTEGER NOT NULL,
            "OfferId" INTEGER NOT NULL,
            "GrantedAt" TEXT NOT NULL,
            "GrantedBy" TEXT NULL,
            "ExpiresAt" TEXT NULL,
            "RevokedAt" TEXT NULL,
            "RevokedBy" TEXT NULL,
            "BatchId" TEXT NULL,
            CONSTRAINT "CK_Grants_ExpiresAfterGranted" CHECK ("ExpiresAt" IS NULL OR "ExpiresAt" > "GrantedAt"),
            CONSTRAINT "FK_Grants_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE,
            CONSTRAINT "FK_Grants_Offers_OfferId" FOREIGN KEY ("OfferId") REFERENCES "Offers" ("Id") ON DELETE RESTRICT
        );

        CREATE TABLE "Categories" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Categories" PRIMARY KEY AUTOINCREMENT,
            "ProductId" INTEGER NOT NULL,
            "Title" TEXT NOT NULL,
            "Position" INTEGER NOT NULL,
            CONSTRAINT "FK_Categories_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "OfferProducts" (
            "OfferId" INTEGER NOT NULL,
            "ProductId" INTEGER NOT NULL,
            CONSTRAINT "PK_OfferProducts" PRIMARY KEY ("OfferId", "ProductId"),
            CONSTRAINT "FK_OfferProducts_Offers_OfferId" FOREIGN KEY ("OfferId") REFERENCES "Offers" ("Id") ON DELETE CASCADE,
            CONSTRAINT "FK_OfferProducts_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE CASCADE
        );

        CREATE TABLE "Lessons" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Lessons" PRIMARY KEY AUTOINCREMENT,
            "CategoryId" INTEGER NOT NULL,
            "Title" TEXT NOT NULL,
            "BodyMarkdown" TEXT NOT NULL,
            "VideoUrl" TEXT NULL,
            "Position" INTEGER NOT NULL,
            CONSTRAINT "FK_Lessons_Categories_CategoryId" FOREIGN KEY ("CategoryId") REFERENCES "Categories" ("Id") ON DELETE CASCADE
        );

        CREATE INDEX "IX_AccountTokens_Purpose_UsedAt" ON "AccountTokens" ("Purpose", "UsedAt");

        CREATE UNIQUE INDEX "IX_AccountTokens_TokenHash" ON "AccountTokens" ("TokenHash");

        CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

        CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

        CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

        CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

        CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

        CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

        CREATE UNIQUE INDEX "IX_AspNetUsers_ContactId" ON "AspNetUsers" ("ContactId");

        CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

        CREATE INDEX "IX_AuditEvents_At" ON "AuditEvents" ("At");

        CREATE INDEX "IX_AuditEvents_BatchId" ON "AuditEvents" ("BatchId");

        CREATE INDEX "IX_AuditEvents_ContactId_At" ON "AuditEvents" ("ContactId", "At");

        CREATE INDEX "IX_Categories_ProductId_Position" ON "Categories" ("ProductId", "Position");

        CREATE INDEX "IX_Contacts_CreatedAt" ON "Contacts" ("CreatedAt");

        CREATE INDEX "IX_Contacts_LastName" ON "Contacts" ("LastName");

        CREATE UNIQUE INDEX "IX_Contacts_NormalizedEmail" ON "Contacts" ("NormalizedEmail");

        CREATE INDEX "IX_Contacts_PortalStatus_DeletedAt" ON "Contacts" ("PortalStatus", "DeletedAt");

        CREATE INDEX "IX_Contacts_UserId" ON "Contacts" ("UserId");

        CREATE INDEX "IX_ContactTags_Tag" ON "ContactTags" ("Tag");

        CREATE INDEX "IX_Grants_BatchId" ON "Grants" ("BatchId");

        CREATE UNIQUE INDEX "IX_Grants_ContactId_OfferId_Unrevoked" ON "Grants" ("ContactId", "OfferId") WHERE "RevokedAt" IS NULL;

        CREATE INDEX "IX_Grants_OfferId" ON "Grants" ("OfferId");

        CREATE INDEX "IX_Lessons_CategoryId_Position" ON "Lessons" ("CategoryId", "Position");

        CREATE INDEX "IX_MagicLinks_ContactId_CreatedAt" ON "MagicLinks" ("ContactId", "CreatedAt");

        CREATE UNIQUE INDEX "IX_MagicLinks_TokenHash" ON "MagicLinks" ("TokenHash");

        CREATE INDEX "IX_MagicLinks_UserId" ON "MagicLinks" ("UserId");

        CREATE INDEX "IX_OfferProducts_ProductId" ON "OfferProducts" ("ProductId");

        CREATE UNIQUE INDEX "IX_Offers_Name" ON "Offers" ("Name");
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in Schema.Split(";", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            migrationBuilder.Sql(statement + ";");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Lessons");
        migrationBuilder.DropTable("OfferProducts");
        migrationBuilder.DropTable("Categories");
        migrationBuilder.DropTable("Grants");
        migrationBuilder.DropTable("MagicLinks");
        migrationBuilder.DropTable("ContactTags");
        migrationBuilder.DropTable("AspNetUserTokens");
        migrationBuilder.DropTable("AspNetUserRoles");
        migrationBuilder.DropTable("AspNetUserLogins");
        migrationBuilder.DropTable("AspNetUserClaims");
        migrationBuilder.DropTable("AspNetRoleClaims");
        migrationBuilder.DropTable("Settings");
        migrationBuilder.DropTable("Products");
        migrationBuilder.DropTable("Offers");
        migrationBuilder.DropTable("Contacts");
        migrationBuilder.DropTable("AuditEvents");
        migrationBuilder.DropTable("AspNetUsers");
        migrationBuilder.DropTable("AspNetRoles");
        migrationBuilder.DropTable("AccountTokens");
    }
}
