using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReliefPlatform.Notification.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    county = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.application_id);
                });

            migrationBuilder.CreateTable(
                name: "deliveries",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    event_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recipient_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    county = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliveries", x => x.key);
                    table.UniqueConstraint("ak_deliveries_delivery_id", x => x.delivery_id);
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
                name: "parked_occurrences",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    occurrence = table.Column<string>(type: "jsonb", nullable: false),
                    parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parked_occurrences", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "sandbox_sms",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sandbox_sms", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    callback_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    event_types = table.Column<List<string>>(type: "text[]", nullable: false),
                    counties = table.Column<List<string>>(type: "text[]", nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    secret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deactivated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions", x => x.key);
                    table.UniqueConstraint("ak_subscriptions_subscription_id", x => x.subscription_id);
                });

            migrationBuilder.CreateTable(
                name: "templates",
                columns: table => new
                {
                    event_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_templates", x => new { x.event_type, x.language });
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
                name: "delivery_attempts",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    delivery_key = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    latency_ms = table.Column<double>(type: "double precision", nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_attempts", x => x.key);
                    table.ForeignKey(
                        name: "fk_delivery_attempts_deliveries_delivery_key",
                        column: x => x.delivery_key,
                        principalTable: "deliveries",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "templates",
                columns: new[] { "event_type", "language", "body", "title", "updated_at", "updated_by" },
                values: new object[,]
                {
                    { "application.approved", "en", "Dear {name}, your {scheme} application ({reference}) was approved on {date}: {category}, {amount} a month.", "Application approved", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "application.approved", "zh-CN", "{name}您好，您的{scheme}申请（编号{reference}）经审核符合条件，认定为{category}，每月救助金{amount}，审核日期{date}。", "申请已批准", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "application.received", "en", "Dear {name}, your {scheme} application was received on {date} (reference {reference}). We will verify your household's situation; please keep your phone on.", "Application received", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "application.received", "zh-CN", "{name}您好，您的{scheme}申请已于{date}受理，受理编号{reference}。我们将核对您家庭的经济状况，请保持电话畅通。", "申请已受理", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "application.refused", "en", "Dear {name}, your {scheme} application ({reference}) was not approved on {date}: {reason}. You may raise an objection with the county civil affairs bureau or apply for an administrative review.", "Application not approved", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "application.refused", "zh-CN", "{name}您好，您的{scheme}申请（编号{reference}）经审核暂不符合条件：{reason}。如有异议，可向县级民政部门反映或依法申请行政复议。", "申请未获批准", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "grant.approved", "en", "Dear {name}, your {purpose} of {amount} was granted on {date} and will be paid into your bank account (reference {reference}).", "Assistance granted", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "grant.approved", "zh-CN", "{name}您好，您的{purpose}已于{date}批准，金额{amount}，将发放到您的银行账户。编号{reference}。", "救助已批准", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "hardship.warning", "en", "On {date} monitoring found that {name} ({idNumber}) in {county} may be in difficulty: {reason}. Warning {reference}.", "Hardship warning", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "hardship.warning", "zh-CN", "{date}动态监测发现{county}的{name}（{idNumber}）可能陷入困难：{reason}。预警编号{reference}。", "困难预警", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "lead.overdue", "en", "Lead {reference} in {county} passed its follow-up deadline on {date}; visit the household now.", "Lead overdue", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "lead.overdue", "zh-CN", "{county}的困难群众线索{reference}已于{date}超过跟进期限，请尽快入户核实。", "线索逾期未跟进", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "lead.raised", "en", "A person in difficulty was found in {county} on {date} (lead {reference}, {category}); visit the household in time.", "Lead raised", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "lead.raised", "zh-CN", "{date}在{county}发现困难群众线索{reference}（{category}），请按期入户核实。", "发现困难群众线索", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "payment.failed", "en", "Dear {name}, your {purpose} of {amount} could not be paid on {date} ({reason}). Staff will contact you to check your account and pay it again.", "Payment not made", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "payment.failed", "zh-CN", "{name}您好，您的{purpose}{amount}于{date}发放未成功（{reason}）。工作人员将与您联系核对账户信息后重新发放。", "救助金发放未成功", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "payment.settled", "en", "Dear {name}, your {purpose} of {amount} was paid into your bank account on {date}.", "Payment made", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "payment.settled", "zh-CN", "{name}您好，您的{purpose}{amount}已于{date}发放到您的银行账户。", "救助金已到账", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "recipient.enrolled", "en", "{name} ({idNumber}) in {county} is on the roster as {category} from {date}, {amount} a month (recipient {reference}).", "Enrolled on the roster", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "recipient.enrolled", "zh-CN", "{county}的{name}（{idNumber}）自{date}起纳入{category}，每月{amount}。名册编号{reference}。", "纳入救助名册", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "recipient.exited", "en", "Recipient {reference} ({category}) in {county} left the roster on {date}: {reason}.", "Left the roster", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "recipient.exited", "zh-CN", "{county}的救助对象{reference}（{category}）于{date}退出名册：{reason}。", "退出救助名册", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "review.overdue", "en", "Case {reference} in {county}, paid {amount} first, passed its review deadline on {date}; review it now.", "Assist-first review overdue", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "review.overdue", "zh-CN", "{county}的先行救助案件{reference}（已支付{amount}）已于{date}超过复核期限，请尽快复核。", "先行救助逾期未复核", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_id_number_received_at",
                table: "contacts",
                columns: new[] { "id_number", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_event_key_channel_recipient_key",
                table: "deliveries",
                columns: new[] { "event_key", "channel", "recipient_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_next_attempt_at",
                table: "deliveries",
                column: "next_attempt_at",
                filter: "status IN ('Pending', 'Retrying')");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_recipient_key_created_at",
                table: "deliveries",
                columns: new[] { "recipient_key", "created_at" },
                filter: "channel = 'Inbox'");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_status_channel",
                table: "deliveries",
                columns: new[] { "status", "channel" },
                filter: "status <> 'Delivered'");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_subscription_id",
                table: "deliveries",
                column: "subscription_id",
                filter: "subscription_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_delivery_key_number",
                table: "delivery_attempts",
                columns: new[] { "delivery_key", "number" });

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
                name: "ix_parked_occurrences_application_id",
                table: "parked_occurrences",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_parked_occurrences_event_key",
                table: "parked_occurrences",
                column: "event_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_sms_message_id",
                table: "sandbox_sms",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_sms_phone",
                table: "sandbox_sms",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_active",
                table: "subscriptions",
                column: "active");

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
                name: "contacts");

            migrationBuilder.DropTable(
                name: "delivery_attempts");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "parked_occurrences");

            migrationBuilder.DropTable(
                name: "sandbox_sms");

            migrationBuilder.DropTable(
                name: "subscriptions");

            migrationBuilder.DropTable(
                name: "templates");

            migrationBuilder.DropTable(
                name: "wiring_probes");

            migrationBuilder.DropTable(
                name: "deliveries");
        }
    }
}
