using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Oversight.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_findings",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    finding_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    rectify_by = table.Column<DateOnly>(type: "date", nullable: false),
                    report_by = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    measures = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    rectified_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    rectified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    report = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reported_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_findings", x => x.key);
                });

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

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tracking_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    complainant_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    complainant_contact = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    hotline_ticket = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assigned_to = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    decision = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaints", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "county_populations",
                columns: table => new
                {
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    population = table.Column<long>(type: "bigint", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_populations", x => new { x.county, x.year });
                });

            migrationBuilder.CreateTable(
                name: "deceased_persons",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deceased_persons", x => x.id_number);
                });

            migrationBuilder.CreateTable(
                name: "decided_applications",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scheme = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decided_applications", x => x.application_id);
                });

            migrationBuilder.CreateTable(
                name: "flags",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    flag_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    subject_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    summary_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    evidence = table.Column<string>(type: "jsonb", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    investigated_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recovery_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    closed_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_flags", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "imprisoned_persons",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imprisoned_persons", x => x.id_number);
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
                name: "paid_totals",
                columns: table => new
                {
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    purpose = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    settled_amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    returned_amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    settled_lines = table.Column<long>(type: "bigint", nullable: false),
                    on_time_lines = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paid_totals", x => new { x.county, x.month, x.purpose });
                });

            migrationBuilder.CreateTable(
                name: "roster_entries",
                columns: table => new
                {
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    village = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    head_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    head_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    monthly_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    members = table.Column<string[]>(type: "text[]", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    exit_date = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roster_entries", x => x.recipient_id);
                });

            migrationBuilder.CreateTable(
                name: "seen_accounts",
                columns: table => new
                {
                    payee_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    account_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    replaced = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seen_accounts", x => x.payee_id_number);
                });

            migrationBuilder.CreateTable(
                name: "seen_grants",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payee_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    payee_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    granted_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    range_maximum = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    case_by_case = table.Column<bool>(type: "boolean", nullable: false),
                    approved_by_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    approved_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seen_grants", x => x.case_id);
                });

            migrationBuilder.CreateTable(
                name: "seen_hotline_calls",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seen_hotline_calls", x => x.ticket_id);
                });

            migrationBuilder.CreateTable(
                name: "seen_households",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    members = table.Column<string[]>(type: "text[]", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scheme = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seen_households", x => x.application_id);
                });

            migrationBuilder.CreateTable(
                name: "seen_leads",
                columns: table => new
                {
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    found_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    overdue_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seen_leads", x => x.lead_id);
                });

            migrationBuilder.CreateTable(
                name: "staff_relatives",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    staff_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    staff_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    staff_unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    relative_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    relative_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    relation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_relatives", x => x.key);
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

            migrationBuilder.CreateIndex(
                name: "ix_audit_findings_county_year",
                table: "audit_findings",
                columns: new[] { "county", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_findings_finding_id",
                table: "audit_findings",
                column: "finding_id",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_complaints_complaint_id",
                table: "complaints",
                column: "complaint_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_county_received_at",
                table: "complaints",
                columns: new[] { "county", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_due_on",
                table: "complaints",
                column: "due_on",
                filter: "status <> 'Decided'");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tracking_code",
                table: "complaints",
                column: "tracking_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_decided_applications_decided_at",
                table: "decided_applications",
                column: "decided_at");

            migrationBuilder.CreateIndex(
                name: "ix_flags_county_raised_at",
                table: "flags",
                columns: new[] { "county", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_flags_flag_id",
                table: "flags",
                column: "flag_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_flags_rule_subject_key",
                table: "flags",
                columns: new[] { "rule", "subject_key" },
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
                name: "ix_roster_entries_county_township_village",
                table: "roster_entries",
                columns: new[] { "county", "township", "village" });

            migrationBuilder.CreateIndex(
                name: "ix_roster_entries_members",
                table: "roster_entries",
                column: "members",
                filter: "exit_date IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_seen_accounts_account_hash",
                table: "seen_accounts",
                column: "account_hash");

            migrationBuilder.CreateIndex(
                name: "ix_seen_grants_approved_by_id_approved_at",
                table: "seen_grants",
                columns: new[] { "approved_by_id", "approved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_seen_grants_county_approved_at",
                table: "seen_grants",
                columns: new[] { "county", "approved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_seen_grants_payee_id_number_approved_at",
                table: "seen_grants",
                columns: new[] { "payee_id_number", "approved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_seen_hotline_calls_county_received_at",
                table: "seen_hotline_calls",
                columns: new[] { "county", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_seen_households_county_submitted_at",
                table: "seen_households",
                columns: new[] { "county", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_seen_households_members",
                table: "seen_households",
                column: "members")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_seen_households_phone",
                table: "seen_households",
                column: "phone",
                filter: "phone IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_seen_leads_county_found_at",
                table: "seen_leads",
                columns: new[] { "county", "found_at" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_relatives_relative_id_number",
                table: "staff_relatives",
                column: "relative_id_number");

            migrationBuilder.CreateIndex(
                name: "ix_staff_relatives_staff_id_relative_id_number",
                table: "staff_relatives",
                columns: new[] { "staff_id", "relative_id_number" },
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
                name: "audit_findings");

            migrationBuilder.DropTable(
                name: "audit_trail");

            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "county_populations");

            migrationBuilder.DropTable(
                name: "deceased_persons");

            migrationBuilder.DropTable(
                name: "decided_applications");

            migrationBuilder.DropTable(
                name: "flags");

            migrationBuilder.DropTable(
                name: "imprisoned_persons");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "paid_totals");

            migrationBuilder.DropTable(
                name: "roster_entries");

            migrationBuilder.DropTable(
                name: "seen_accounts");

            migrationBuilder.DropTable(
                name: "seen_grants");

            migrationBuilder.DropTable(
                name: "seen_hotline_calls");

            migrationBuilder.DropTable(
                name: "seen_households");

            migrationBuilder.DropTable(
                name: "seen_leads");

            migrationBuilder.DropTable(
                name: "staff_relatives");

            migrationBuilder.DropTable(
                name: "wiring_probes");
        }
    }
}
