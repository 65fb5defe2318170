using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReliefPlatform.Notification.Data.Migrations
{
    /// <inheritdoc />
    public partial class MoreEventTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "templates",
                columns: new[] { "event_type", "language", "body", "title", "updated_at", "updated_by" },
                values: new object[,]
                {
                    { "lead.raised", "en", "A person in difficulty was found in {county} on {date} (lead {reference}, {category}); visit the household in time.", "Lead raised", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "lead.raised", "zh-CN", "{date}在{county}发现困难群众线索{reference}（{category}），请按期入户核实。", "发现困难群众线索", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "recipient.enrolled", "en", "{name} ({idNumber}) in {county} is on the roster as {category} from {date}, {amount} a month (recipient {reference}).", "Enrolled on the roster", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "recipient.enrolled", "zh-CN", "{county}的{name}（{idNumber}）自{date}起纳入{category}，每月{amount}。名册编号{reference}。", "纳入救助名册", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "recipient.exited", "en", "Recipient {reference} ({category}) in {county} left the roster on {date}: {reason}.", "Left the roster", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" },
                    { "recipient.exited", "zh-CN", "{county}的救助对象{reference}（{category}）于{date}退出名册：{reason}。", "退出救助名册", new DateTimeOffset(new DateTime(2026, 11, 29, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "platform" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "templates",
                keyColumns: new[] { "event_type", "language" },
                keyValues: new object[] { "lead.raised", "en" });

            migrationBuilder.DeleteData(
                table: "templates",
                keyColumns: new[] { "event_type", "language" },
                keyValues: new object[] { "lead.raised", "zh-CN" });

            migrationBuilder.DeleteData(
                table: "templates",
                keyColumns: new[] { "event_type", "language" },
                keyValues: new object[] { "recipient.enrolled", "en" });

            migrationBuilder.DeleteData(
                table: "templates",
                keyColumns: new[] { "event_type", "language" },
                keyValues: new object[] { "recipient.enrolled", "zh-CN" });

            migrationBuilder.DeleteData(
                table: "templates",
                keyColumns: new[] { "event_type", "language" },
                keyValues: new object[] { "recipient.exited", "en" });

            migrationBuilder.DeleteData(
                table: "templates",
                keyColumns: new[] { "event_type", "language" },
                keyValues: new object[] { "recipient.exited", "zh-CN" });
        }
    }
}
