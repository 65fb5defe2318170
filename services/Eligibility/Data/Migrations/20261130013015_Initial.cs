using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReliefPlatform.Eligibility.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    policy_date = table.Column<DateOnly>(type: "date", nullable: false),
                    scheme = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    temporary_assistance_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    applicant_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    applicant_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    residence_county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    hukou_county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    area_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    monthly_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    standard = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    counted_income = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    per_capita_income = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    reason_zh = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    reason_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    trace = table.Column<string>(type: "jsonb", nullable: false),
                    members = table.Column<string>(type: "jsonb", nullable: false),
                    circumstances = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "county_standards",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    area_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    monthly_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_standards", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "entitlements",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recipient_key = table.Column<long>(type: "bigint", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entitlements", x => x.key);
                });

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
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_warnings", x => x.key);
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
                name: "policy_parameters",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_parameters", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "recipients",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    head_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    head_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    area_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    monthly_amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    gradual_exit_until = table.Column<DateOnly>(type: "date", nullable: true),
                    exit_date = table.Column<DateOnly>(type: "date", nullable: true),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    exit_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recipients", x => x.key);
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

            migrationBuilder.CreateTable(
                name: "roster_persons",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recipient_key = table.Column<long>(type: "bigint", nullable: false),
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roster_persons", x => x.key);
                    table.ForeignKey(
                        name: "fk_roster_persons_recipients_recipient_key",
                        column: x => x.recipient_key,
                        principalTable: "recipients",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "county_standards",
                columns: new[] { "key", "area_type", "county", "effective_from", "kind", "monthly_amount", "note", "recorded_at", "recorded_by" },
                values: new object[,]
                {
                    { -96L, "Rural", "361181", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -95L, "Urban", "361181", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -94L, "Rural", "361181", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -93L, "Urban", "361181", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -92L, "Rural", "361181", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -91L, "Urban", "361181", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -90L, "Rural", "361181", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -89L, "Urban", "361181", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -88L, "Rural", "361130", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -87L, "Urban", "361130", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -86L, "Rural", "361130", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -85L, "Urban", "361130", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -84L, "Rural", "361130", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -83L, "Urban", "361130", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -82L, "Rural", "361130", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -81L, "Urban", "361130", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -80L, "Rural", "361129", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -79L, "Urban", "361129", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -78L, "Rural", "361129", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -77L, "Urban", "361129", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -76L, "Rural", "361129", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -75L, "Urban", "361129", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -74L, "Rural", "361129", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -73L, "Urban", "361129", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -72L, "Rural", "361128", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -71L, "Urban", "361128", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -70L, "Rural", "361128", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -69L, "Urban", "361128", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -68L, "Rural", "361128", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -67L, "Urban", "361128", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -66L, "Rural", "361128", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -65L, "Urban", "361128", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -64L, "Rural", "361127", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -63L, "Urban", "361127", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -62L, "Rural", "361127", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -61L, "Urban", "361127", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -60L, "Rural", "361127", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -59L, "Urban", "361127", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -58L, "Rural", "361127", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -57L, "Urban", "361127", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -56L, "Rural", "361126", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -55L, "Urban", "361126", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -54L, "Rural", "361126", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -53L, "Urban", "361126", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -52L, "Rural", "361126", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -51L, "Urban", "361126", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -50L, "Rural", "361126", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -49L, "Urban", "361126", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -48L, "Rural", "361125", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -47L, "Urban", "361125", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -46L, "Rural", "361125", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -45L, "Urban", "361125", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -44L, "Rural", "361125", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -43L, "Urban", "361125", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -42L, "Rural", "361125", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -41L, "Urban", "361125", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -40L, "Rural", "361124", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -39L, "Urban", "361124", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -38L, "Rural", "361124", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -37L, "Urban", "361124", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -36L, "Rural", "361124", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -35L, "Urban", "361124", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -34L, "Rural", "361124", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -33L, "Urban", "361124", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -32L, "Rural", "361123", new DateOnly(2022, 7, 1), "Tekun", 858m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -31L, "Urban", "361123", new DateOnly(2022, 7, 1), "Tekun", 1105m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -30L, "Rural", "361123", new DateOnly(2022, 7, 1), "Dibao", 660m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -29L, "Urban", "361123", new DateOnly(2022, 7, 1), "Dibao", 850m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -28L, "Rural", "361123", new DateOnly(2021, 7, 1), "Tekun", 793m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -27L, "Urban", "361123", new DateOnly(2021, 7, 1), "Tekun", 1046m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -26L, "Rural", "361123", new DateOnly(2021, 7, 1), "Dibao", 610m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -25L, "Urban", "361123", new DateOnly(2021, 7, 1), "Dibao", 805m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -24L, "Rural", "361104", new DateOnly(2022, 7, 1), "Tekun", 884m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -23L, "Urban", "361104", new DateOnly(2022, 7, 1), "Tekun", 1131m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -22L, "Rural", "361104", new DateOnly(2022, 7, 1), "Dibao", 680m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -21L, "Urban", "361104", new DateOnly(2022, 7, 1), "Dibao", 870m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -20L, "Rural", "361104", new DateOnly(2021, 7, 1), "Tekun", 819m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -19L, "Urban", "361104", new DateOnly(2021, 7, 1), "Tekun", 1072m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -18L, "Rural", "361104", new DateOnly(2021, 7, 1), "Dibao", 630m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -17L, "Urban", "361104", new DateOnly(2021, 7, 1), "Dibao", 825m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -16L, "Rural", "361103", new DateOnly(2022, 7, 1), "Tekun", 884m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -15L, "Urban", "361103", new DateOnly(2022, 7, 1), "Tekun", 1131m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -14L, "Rural", "361103", new DateOnly(2022, 7, 1), "Dibao", 680m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -13L, "Urban", "361103", new DateOnly(2022, 7, 1), "Dibao", 870m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -12L, "Rural", "361103", new DateOnly(2021, 7, 1), "Tekun", 819m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -11L, "Urban", "361103", new DateOnly(2021, 7, 1), "Tekun", 1072m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -10L, "Rural", "361103", new DateOnly(2021, 7, 1), "Dibao", 630m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -9L, "Urban", "361103", new DateOnly(2021, 7, 1), "Dibao", 825m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -8L, "Rural", "361102", new DateOnly(2022, 7, 1), "Tekun", 884m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -7L, "Urban", "361102", new DateOnly(2022, 7, 1), "Tekun", 1131m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -6L, "Rural", "361102", new DateOnly(2022, 7, 1), "Dibao", 680m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -5L, "Urban", "361102", new DateOnly(2022, 7, 1), "Dibao", 870m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -4L, "Rural", "361102", new DateOnly(2021, 7, 1), "Tekun", 819m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -3L, "Urban", "361102", new DateOnly(2021, 7, 1), "Tekun", 1072m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -2L, "Rural", "361102", new DateOnly(2021, 7, 1), "Dibao", 630m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" },
                    { -1L, "Urban", "361102", new DateOnly(2021, 7, 1), "Dibao", 825m, "Example value for a new installation; replace with the county's official standard.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)" }
                });

            migrationBuilder.InsertData(
                table: "policy_parameters",
                columns: new[] { "key", "effective_from", "name", "note", "recorded_at", "recorded_by", "value" },
                values: new object[,]
                {
                    { -7L, new DateOnly(2022, 1, 1), "medical-out-of-pocket-threshold", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 10000m },
                    { -6L, new DateOnly(2022, 1, 1), "r4-months-without-income", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 3m },
                    { -5L, new DateOnly(2022, 1, 1), "temporary-multiplier-max", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 4m },
                    { -4L, new DateOnly(2022, 1, 1), "temporary-multiplier-min", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 2m },
                    { -3L, new DateOnly(2022, 1, 1), "gradual-exit-months", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 6m },
                    { -2L, new DateOnly(2022, 1, 1), "employment-cost-deduction-rate", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 0.30m },
                    { -1L, new DateOnly(2022, 1, 1), "near-dibao-factor", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 1.5m }
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_application_id",
                table: "assessments",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_assessment_id",
                table: "assessments",
                column: "assessment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessments_residence_county_assessed_at",
                table: "assessments",
                columns: new[] { "residence_county", "assessed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_county_standards_county_area_type_kind_effective_from",
                table: "county_standards",
                columns: new[] { "county", "area_type", "kind", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entitlements_recipient_key_month",
                table: "entitlements",
                columns: new[] { "recipient_key", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entitlements_reference",
                table: "entitlements",
                column: "reference",
                unique: true);

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
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");

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
                name: "ix_policy_parameters_name_effective_from",
                table: "policy_parameters",
                columns: new[] { "name", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recipients_county_category_status",
                table: "recipients",
                columns: new[] { "county", "category", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_recipients_recipient_id",
                table: "recipients",
                column: "recipient_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_roster_persons_recipient_key",
                table: "roster_persons",
                column: "recipient_key");

            migrationBuilder.CreateIndex(
                name: "ux_roster_persons_active_person",
                table: "roster_persons",
                column: "id_number",
                unique: true,
                filter: "is_active");

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
                name: "assessments");

            migrationBuilder.DropTable(
                name: "county_standards");

            migrationBuilder.DropTable(
                name: "entitlements");

            migrationBuilder.DropTable(
                name: "feed_batches");

            migrationBuilder.DropTable(
                name: "feed_records");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "monitoring_warnings");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "policy_parameters");

            migrationBuilder.DropTable(
                name: "roster_persons");

            migrationBuilder.DropTable(
                name: "wiring_probes");

            migrationBuilder.DropTable(
                name: "recipients");
        }
    }
}
