using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class SandboxBankBehindFolders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sandbox_bank_result_files_key",
                table: "sandbox_bank_result_files");

            migrationBuilder.RenameColumn(
                name: "acknowledged",
                table: "sandbox_bank_result_files",
                newName: "delivered");

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_bank_result_files_key",
                table: "sandbox_bank_result_files",
                column: "key",
                filter: "NOT delivered");

            migrationBuilder.CreateIndex(
                name: "ix_payee_accounts_needs_correction",
                table: "payee_accounts",
                column: "payee_id_number",
                filter: "status = 'NeedsCorrection'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sandbox_bank_result_files_key",
                table: "sandbox_bank_result_files");

            migrationBuilder.DropIndex(
                name: "ix_payee_accounts_needs_correction",
                table: "payee_accounts");

            migrationBuilder.RenameColumn(
                name: "delivered",
                table: "sandbox_bank_result_files",
                newName: "acknowledged");

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_bank_result_files_key",
                table: "sandbox_bank_result_files",
                column: "key",
                filter: "NOT acknowledged");
        }
    }
}
