using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaign_payments",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_key = table.Column<long>(type: "bigint", nullable: false),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    payee_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    payee_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    batch_number = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_payments", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reference_month = table.Column<DateOnly>(type: "date", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    issued = table.Column<int>(type: "integer", nullable: false),
                    issued_amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    batches = table.Column<int>(type: "integer", nullable: false),
                    filled = table.Column<bool>(type: "boolean", nullable: false),
                    rate = table.Column<decimal>(type: "numeric(8,4)", precision: 8, scale: 4, nullable: true),
                    rounding_digits = table.Column<int>(type: "integer", nullable: true),
                    created_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    person_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    person_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    basis = table.Column<string>(type: "jsonb", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    grant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paying_county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    urban_standard = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    multiplier = table.Column<decimal>(type: "numeric(8,4)", precision: 8, scale: 4, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    case_by_case = table.Column<bool>(type: "boolean", nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    granted_at = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    approved_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    assist_first_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    assist_first_fund_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assist_first_paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    review_deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    review_overdue_announced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recovery_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    released_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    stages_released = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "cpi_figures",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    cpi_year_on_year = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    food_cpi_year_on_year = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cpi_figures", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    correlation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    available_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "price_linkage_settings",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    cpi_trigger = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    food_cpi_trigger = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    rounding_digits = table.Column<int>(type: "integer", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_linkage_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "reserve_funds",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    fund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    balance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    payment_cap = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reserve_funds", x => x.key);
                    table.CheckConstraint("ck_reserve_funds_balance_not_negative", "balance >= 0");
                });

            migrationBuilder.CreateTable(
                name: "reserve_ledger",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    fund_key = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    balance_after = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reserve_ledger", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "roster_payments",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    payee_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    payee_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    per_person_standard = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roster_payments", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "wiring_probes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    probe_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wiring_probes", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "price_linkage_settings",
                columns: new[] { "key", "cpi_trigger", "effective_from", "food_cpi_trigger", "recorded_at", "recorded_by", "rounding_digits" },
                values: new object[] { -1L, 3.5m, new DateOnly(2022, 1, 1), 6.0m, new DateTimeOffset(new DateTime(2022, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 1 });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_payments_campaign_key_batch_number_key",
                table: "campaign_payments",
                columns: new[] { "campaign_key", "batch_number", "key" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_payments_campaign_key_recipient_id",
                table: "campaign_payments",
                columns: new[] { "campaign_key", "recipient_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_campaign_id",
                table: "campaigns",
                column: "campaign_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_kind_reference_month",
                table: "campaigns",
                columns: new[] { "kind", "reference_month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_application_id",
                table: "cases",
                column: "application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_case_id",
                table: "cases",
                column: "case_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_county_status",
                table: "cases",
                columns: new[] { "county", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_person_id_number_kind_decided_at",
                table: "cases",
                columns: new[] { "person_id_number", "kind", "decided_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_review_deadline",
                table: "cases",
                column: "review_deadline",
                filter: "reviewed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cpi_figures_month",
                table: "cpi_figures",
                column: "month",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_available_at_id",
                table: "outbox_messages",
                columns: new[] { "available_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_price_linkage_settings_effective_from",
                table: "price_linkage_settings",
                column: "effective_from",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reserve_funds_county_township",
                table: "reserve_funds",
                columns: new[] { "county", "township" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reserve_funds_fund_id",
                table: "reserve_funds",
                column: "fund_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reserve_ledger_case_id",
                table: "reserve_ledger",
                column: "case_id",
                unique: true,
                filter: "kind = 'AssistFirstPayment'");

            migrationBuilder.CreateIndex(
                name: "ix_reserve_ledger_fund_key_recorded_at",
                table: "reserve_ledger",
                columns: new[] { "fund_key", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_roster_payments_month_category",
                table: "roster_payments",
                columns: new[] { "month", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_roster_payments_reference",
                table: "roster_payments",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wiring_probes_probe_id_direction",
                table: "wiring_probes",
                columns: new[] { "probe_id", "direction" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_payments");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "cpi_figures");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "price_linkage_settings");

            migrationBuilder.DropTable(
                name: "reserve_funds");

            migrationBuilder.DropTable(
                name: "reserve_ledger");

            migrationBuilder.DropTable(
                name: "roster_payments");

            migrationBuilder.DropTable(
                name: "wiring_probes");
        }
    }
}
