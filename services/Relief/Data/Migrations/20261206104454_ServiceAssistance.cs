using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServiceAssistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_arrangements",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    arrangement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    person_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    person_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    care_level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    caregiver_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    caregiver_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    caregiver_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    caregiver_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    replaces_arrangement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_arrangements", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "care_visits",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    arrangement_key = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    visited_on = table.Column<DateOnly>(type: "date", nullable: false),
                    visitor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    findings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    person_well = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_visits", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "caregiver_complaints",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    arrangement_key = table.Column<long>(type: "bigint", nullable: false),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caregiver_complaints", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "caregiver_handovers",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from_arrangement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_arrangement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_caregiver_handovers", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "charities",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    charity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    contact = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charities", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "charity_projects",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    charity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    funds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    for_whom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    accepted = table.Column<int>(type: "integer", nullable: false),
                    open = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charity_projects", x => x.key);
                    table.CheckConstraint("ck_charity_projects_capacity", "accepted <= capacity");
                });

            migrationBuilder.CreateTable(
                name: "helpers",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    helper_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    certificate = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    units = table.Column<string>(type: "jsonb", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_helpers", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "provider_invoices",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    lines = table.Column<string>(type: "jsonb", nullable: false),
                    billed = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    reconciliation = table.Column<string>(type: "jsonb", nullable: false),
                    payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    received_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_invoices", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    person_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    person_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    need = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    shortfall = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    outcome_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "service_deliveries",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_key = table.Column<long>(type: "bigint", nullable: false),
                    worker = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    minutes = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    confirmed_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_deliveries", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "service_items",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_items", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "service_orders",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_key = table.Column<long>(type: "bigint", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    person_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    item_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_orders", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "service_providers",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    contract_from = table.Column<DateOnly>(type: "date", nullable: false),
                    contract_to = table.Column<DateOnly>(type: "date", nullable: false),
                    prices = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_providers", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "support_plans",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    person_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    person_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    monthly_cash = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    in_kind = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    services = table.Column<string>(type: "jsonb", nullable: false),
                    created_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_plans", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_care_arrangements_arrangement_id",
                table: "care_arrangements",
                column: "arrangement_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_care_arrangements_county_status",
                table: "care_arrangements",
                columns: new[] { "county", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_care_arrangements_person_id_number",
                table: "care_arrangements",
                column: "person_id_number",
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_care_visits_arrangement_key_visited_on",
                table: "care_visits",
                columns: new[] { "arrangement_key", "visited_on" });

            migrationBuilder.CreateIndex(
                name: "ix_care_visits_visit_id",
                table: "care_visits",
                column: "visit_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_caregiver_complaints_arrangement_key",
                table: "caregiver_complaints",
                column: "arrangement_key");

            migrationBuilder.CreateIndex(
                name: "ix_caregiver_handovers_from_arrangement_id",
                table: "caregiver_handovers",
                column: "from_arrangement_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charities_charity_id",
                table: "charities",
                column: "charity_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charities_county_credit_code",
                table: "charities",
                columns: new[] { "county", "credit_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charity_projects_county",
                table: "charity_projects",
                column: "county");

            migrationBuilder.CreateIndex(
                name: "ix_charity_projects_project_id",
                table: "charity_projects",
                column: "project_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_helpers_county",
                table: "helpers",
                column: "county");

            migrationBuilder.CreateIndex(
                name: "ix_helpers_helper_id",
                table: "helpers",
                column: "helper_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_provider_invoices_invoice_id",
                table: "provider_invoices",
                column: "invoice_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_provider_invoices_provider_id_number",
                table: "provider_invoices",
                columns: new[] { "provider_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referrals_county_status",
                table: "referrals",
                columns: new[] { "county", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_person_id_number_project_id",
                table: "referrals",
                columns: new[] { "person_id_number", "project_id" },
                unique: true,
                filter: "status IN ('Proposed', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_referral_id",
                table: "referrals",
                column: "referral_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_delivery_id",
                table: "service_deliveries",
                column: "delivery_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_order_key",
                table: "service_deliveries",
                column: "order_key");

            migrationBuilder.CreateIndex(
                name: "ix_service_items_code",
                table: "service_items",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_orders_order_id",
                table: "service_orders",
                column: "order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_orders_plan_key_item_code_provider_id_month",
                table: "service_orders",
                columns: new[] { "plan_key", "item_code", "provider_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_orders_provider_id_month",
                table: "service_orders",
                columns: new[] { "provider_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_service_providers_county_credit_code",
                table: "service_providers",
                columns: new[] { "county", "credit_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_providers_provider_id",
                table: "service_providers",
                column: "provider_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_plans_person_id_number",
                table: "support_plans",
                column: "person_id_number");

            migrationBuilder.CreateIndex(
                name: "ix_support_plans_plan_id",
                table: "support_plans",
                column: "plan_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_arrangements");

            migrationBuilder.DropTable(
                name: "care_visits");

            migrationBuilder.DropTable(
                name: "caregiver_complaints");

            migrationBuilder.DropTable(
                name: "caregiver_handovers");

            migrationBuilder.DropTable(
                name: "charities");

            migrationBuilder.DropTable(
                name: "charity_projects");

            migrationBuilder.DropTable(
                name: "helpers");

            migrationBuilder.DropTable(
                name: "provider_invoices");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "service_deliveries");

            migrationBuilder.DropTable(
                name: "service_items");

            migrationBuilder.DropTable(
                name: "service_orders");

            migrationBuilder.DropTable(
                name: "service_providers");

            migrationBuilder.DropTable(
                name: "support_plans");
        }
    }
}
