using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Eligibility.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountCorrectionDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "policy_parameters",
                columns: new[] { "key", "effective_from", "name", "note", "recorded_at", "recorded_by", "value" },
                values: new object[] { -19L, new DateOnly(2022, 1, 1), "account-correction-days", "Value of the provincial notice 赣民字〔2022〕40号 or a common local choice.", new DateTimeOffset(new DateTime(2022, 6, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed (example values)", 5m });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "policy_parameters",
                keyColumn: "key",
                keyValue: -19L);
        }
    }
}
