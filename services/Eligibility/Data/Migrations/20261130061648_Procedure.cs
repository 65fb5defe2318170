using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReliefPlatform.Eligibility.Data.Migrations
{
    /// <inheritdoc />
    public partial class Procedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "next_recertification_on",
                table: "recipients",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "benefit_adjustments",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recipient_key = table.Column<long>(type: "bigint", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    reference = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    reason_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_benefit_adjustments", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "determinations",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    determination_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scheme = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    applicant_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    applicant_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    hukou_county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    village = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    area_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    applied_on = table.Column<DateOnly>(type: "date", nullable: false),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    decision_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    members = table.Column<string>(type: "jsonb", nullable: false),
                    circumstances = table.Column<string>(type: "jsonb", nullable: false),
                    stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    report = table.Column<string>(type: "jsonb", nullable: false),
                    investigation = table.Column<string>(type: "jsonb", nullable: true),
                    disclosure_starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disclosure_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decisions = table.Column<string>(type: "jsonb", nullable: false),
                    excluded_actor_ids = table.Column<string>(type: "jsonb", nullable: false),
                    review_request_until = table.Column<DateOnly>(type: "date", nullable: true),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_determinations", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "investigation_documents",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    determination_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_investigation_documents", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "monthly_runs",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    ran_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monthly_runs", x => x.month);
                });

            migrationBuilder.CreateTable(
                name: "recoveries",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recovery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_key = table.Column<long>(type: "bigint", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    cause = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    reason_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recoveries", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "standard_recalculations",
                columns: table => new
                {
                    standard_key = table.Column<long>(type: "bigint", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recipients = table.Column<int>(type: "integer", nullable: false),
                    adjustments = table.Column<int>(type: "integer", nullable: false),
                    recoveries = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_standard_recalculations", x => x.standard_key);
                });

            migrationBuilder.CreateTable(
                name: "work_items",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    assignee_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_items", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "objections",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    determination_key = table.Column<long>(type: "bigint", nullable: false),
                    objection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lodged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lodged_by_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    contact = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_objections", x => x.key);
                    table.ForeignKey(
                        name: "fk_objections_determinations_determination_key",
                        column: x => x.determination_key,
                        principalTable: "determinations",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "policy_parameters",
                columns: new[] { "key", "effective_from", "name", "note", "recorded_at", "recorded_by", "value" },
                values: new object[,]
                {
                    { -18L, new DateOnly(2022, 1, 1), "deposits-per-person-threshold", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 20000m },
                    { -17L, new DateOnly(2022, 1, 1), "vehicle-value-threshold", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 50000m },
                    { -16L, new DateOnly(2022, 1, 1), "recertification-months-tekun", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 12m },
                    { -15L, new DateOnly(2022, 1, 1), "recertification-months-dibao", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 6m },
                    { -14L, new DateOnly(2022, 1, 1), "recertification-months-no-work-ability", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 12m },
                    { -13L, new DateOnly(2022, 1, 1), "review-request-days", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 30m },
                    { -12L, new DateOnly(2022, 1, 1), "objection-days", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 5m },
                    { -11L, new DateOnly(2022, 1, 1), "investigation-days", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 10m },
                    { -10L, new DateOnly(2022, 1, 1), "urgent-decision-days", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 10m },
                    { -9L, new DateOnly(2022, 1, 1), "decision-days", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 30m },
                    { -8L, new DateOnly(2022, 1, 1), "disclosure-days", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 7m }
                });

            migrationBuilder.CreateIndex(
                name: "ix_recipients_next_recertification_on",
                table: "recipients",
                column: "next_recertification_on",
                filter: "status <> 'Exited'");

            migrationBuilder.CreateIndex(
                name: "ix_feed_records_id_number",
                table: "feed_records",
                column: "id_number");

            migrationBuilder.CreateIndex(
                name: "ix_benefit_adjustments_recipient_key_month",
                table: "benefit_adjustments",
                columns: new[] { "recipient_key", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_benefit_adjustments_reference",
                table: "benefit_adjustments",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_determinations_application_id",
                table: "determinations",
                column: "application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_determinations_county_township_stage",
                table: "determinations",
                columns: new[] { "county", "township", "stage" });

            migrationBuilder.CreateIndex(
                name: "ix_determinations_determination_id",
                table: "determinations",
                column: "determination_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_determinations_township_disclosure_ends_at",
                table: "determinations",
                columns: new[] { "township", "disclosure_ends_at" },
                filter: "stage = 'Disclosure'");

            migrationBuilder.CreateIndex(
                name: "ix_investigation_documents_determination_id",
                table: "investigation_documents",
                column: "determination_id");

            migrationBuilder.CreateIndex(
                name: "ix_investigation_documents_document_id",
                table: "investigation_documents",
                column: "document_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_objections_determination_key",
                table: "objections",
                column: "determination_key");

            migrationBuilder.CreateIndex(
                name: "ix_objections_objection_id",
                table: "objections",
                column: "objection_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recoveries_recipient_key_month_cause",
                table: "recoveries",
                columns: new[] { "recipient_key", "month", "cause" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recoveries_recovery_id",
                table: "recoveries",
                column: "recovery_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_items_county_unit_due_on",
                table: "work_items",
                columns: new[] { "county", "unit", "due_on" },
                filter: "done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_items_work_item_id",
                table: "work_items",
                column: "work_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_work_items_open",
                table: "work_items",
                columns: new[] { "kind", "subject_id" },
                unique: true,
                filter: "done_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_adjustments");

            migrationBuilder.DropTable(
                name: "investigation_documents");

            migrationBuilder.DropTable(
                name: "monthly_runs");

            migrationBuilder.DropTable(
                name: "objections");

            migrationBuilder.DropTable(
                name: "recoveries");

            migrationBuilder.DropTable(
                name: "standard_recalculations");

            migrationBuilder.DropTable(
                name: "work_items");

            migrationBuilder.DropTable(
                name: "determinations");

            migrationBuilder.DropIndex(
                name: "ix_recipients_next_recertification_on",
                table: "recipients");

            migrationBuilder.DropIndex(
                name: "ix_feed_records_id_number",
                table: "feed_records");

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -18L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -17L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -16L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -15L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -14L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -13L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -12L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -11L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -10L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -9L);

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -8L);

            migrationBuilder.DropColumn(
                name: "next_recertification_on",
                table: "recipients");
        }
    }
}
