using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPortal.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SiteLinksAndDarkMode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "SiteLearnerLinkHash",
                table: "Settings",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SiteLinksCreatedAt",
                table: "Settings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SiteLinksCreatedBy",
                table: "Settings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "SiteTeamLinkHash",
                table: "Settings",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PrefersDarkMode",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SiteLearnerLinkHash",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SiteLinksCreatedAt",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SiteLinksCreatedBy",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SiteTeamLinkHash",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "PrefersDarkMode",
                table: "AspNetUsers");
        }
    }
}
