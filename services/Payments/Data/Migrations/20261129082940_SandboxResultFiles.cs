using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class SandboxResultFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sandbox_bank_statement");

            migrationBuilder.CreateTable(
                name: "sandbox_bank_result_files",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    bank_reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    file = table.Column<string>(type: "text", nullable: false),
                    lines = table.Column<int>(type: "integer", nullable: false),
                    acknowledged = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sandbox_bank_result_files", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_bank_result_files_bank_reference_kind",
                table: "sandbox_bank_result_files",
                columns: new[] { "bank_reference", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_bank_result_files_key",
                table: "sandbox_bank_result_files",
                column: "key",
                filter: "NOT acknowledged");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sandbox_bank_result_files");

            migrationBuilder.CreateTable(
                name: "sandbox_bank_statement",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    acknowledged = table.Column<bool>(type: "boolean", nullable: false),
                    bank_reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reason_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reference = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    returned = table.Column<bool>(type: "boolean", nullable: false),
                    settled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sandbox_bank_statement", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_bank_statement_bank_reference_reference_returned",
                table: "sandbox_bank_statement",
                columns: new[] { "bank_reference", "reference", "returned" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sandbox_bank_statement_key",
                table: "sandbox_bank_statement",
                column: "key",
                filter: "NOT acknowledged");
        }
    }
}
