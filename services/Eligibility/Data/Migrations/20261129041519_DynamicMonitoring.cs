using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Eligibility.Data.Migrations
{
    /// <inheritdoc />
    public partial class DynamicMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feed_batches",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    record_count = table.Column<int>(type: "integer", nullable: false),
                    warning_count = table.Column<int>(type: "integer", nullable: false),
                    review_flag_count = table.Column<int>(type: "integer", nullable: false),
                    match_milliseconds = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_batches", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "feed_records",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_key = table.Column<long>(type: "bigint", nullable: false),
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    signal = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_records", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_warnings",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    warning_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_key = table.Column<long>(type: "bigint", nullable: false),
                    department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    priority_group = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    signal_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    signal_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_warnings", x => x.key);
                });

            migrationBuilder.InsertData(
                table: "policy_parameters",
                columns: new[] { "key", "effective_from", "name", "note", "recorded_at", "recorded_by", "value" },
                values: new object[] { -7L, new DateOnly(2022, 1, 1), "medical-out-of-pocket-threshold", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 10000m });

            migrationBuilder.CreateIndex(
                name: "ix_feed_batches_batch_id",
                table: "feed_batches",
                column: "batch_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_feed_records_batch_key_id_number",
                table: "feed_records",
                columns: new[] { "batch_key", "id_number" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_warnings_batch_key_rule_id_number",
                table: "monitoring_warnings",
                columns: new[] { "batch_key", "rule", "id_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_warnings_kind_county_raised_at",
                table: "monitoring_warnings",
                columns: new[] { "kind", "county", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_warnings_warning_id",
                table: "monitoring_warnings",
                column: "warning_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feed_batches");

            migrationBuilder.DropTable(
                name: "feed_records");

            migrationBuilder.DropTable(
                name: "monitoring_warnings");

            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -7L);
        }
    }
}
