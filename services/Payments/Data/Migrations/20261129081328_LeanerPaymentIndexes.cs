using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeanerPaymentIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sandbox_bank_statement_acknowledged",
                table: "sandbox_bank_statement");

            migrationBuilder.DropIndex(
                name: "ix_payments_application_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_county_status_purpose",
                table: "payments");

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_bank_statement_key",
                table: "sandbox_bank_statement",
                column: "key",
                filter: "NOT acknowledged");

            migrationBuilder.CreateIndex(
                name: "ix_payments_application_id",
                table: "payments",
                column: "application_id",
                filter: "application_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payments_county_key",
                table: "payments",
                columns: new[] { "county", "key" },
                filter: "status IN ('Unfunded', 'Failed', 'Returned')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sandbox_bank_statement_key",
                table: "sandbox_bank_statement");

            migrationBuilder.DropIndex(
                name: "ix_payments_application_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_county_key",
                table: "payments");

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_bank_statement_acknowledged",
                table: "sandbox_bank_statement",
                column: "acknowledged",
                filter: "NOT acknowledged");

            migrationBuilder.CreateIndex(
                name: "ix_payments_application_id",
                table: "payments",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_county_status_purpose",
                table: "payments",
                columns: new[] { "county", "status", "purpose" });
        }
    }
}
