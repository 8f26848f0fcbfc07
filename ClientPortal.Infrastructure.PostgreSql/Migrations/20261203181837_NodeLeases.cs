using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientPortal.Infrastructure.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class NodeLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LeasedBy",
                table: "WorkflowRuns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeasedBy",
                table: "Outbox",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeasedBy",
                table: "WorkflowRuns");

            migrationBuilder.DropColumn(
                name: "LeasedBy",
                table: "Outbox");
        }
    }
}
