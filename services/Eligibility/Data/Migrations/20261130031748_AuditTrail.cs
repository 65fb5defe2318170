using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Eligibility.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_trail",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    actor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    actor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    actor_unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    entity = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    changes = table.Column<string>(type: "jsonb", nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_trail", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_trail_actor_id_at",
                table: "audit_trail",
                columns: new[] { "actor_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_trail_at",
                table: "audit_trail",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_trail_entity_id_at",
                table: "audit_trail",
                columns: new[] { "entity_id", "at" });

            // Append-only: the database refuses UPDATE, DELETE and TRUNCATE of the trail, whoever asks.
            migrationBuilder.Sql(ReliefPlatform.ServiceDefaults.Audit.AuditTrailModel.AppendOnlySql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ReliefPlatform.ServiceDefaults.Audit.AuditTrailModel.DropAppendOnlySql);

            migrationBuilder.DropTable(
                name: "audit_trail");
        }
    }
}
