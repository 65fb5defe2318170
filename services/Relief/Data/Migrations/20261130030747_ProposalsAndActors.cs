using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProposalsAndActors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "approved_by_id",
                table: "cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "proposal_amount",
                table: "cases",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "proposal_multiplier",
                table: "cases",
                type: "numeric(8,4)",
                precision: 8,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "proposal_paying_county",
                table: "cases",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "proposed_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "proposed_by_id",
                table: "cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "approved_by_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "proposal_amount",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "proposal_multiplier",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "proposal_paying_county",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "proposed_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "proposed_by_id",
                table: "cases");
        }
    }
}
