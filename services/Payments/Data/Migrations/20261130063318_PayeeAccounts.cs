using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class PayeeAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payee_accounts",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payee_id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bank_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    number_cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    number_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    proposed_by_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payee_accounts", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payee_accounts_account_id",
                table: "payee_accounts",
                column: "account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payee_accounts_number_hash",
                table: "payee_accounts",
                column: "number_hash",
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_payee_accounts_payee_id_number",
                table: "payee_accounts",
                column: "payee_id_number",
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_payee_accounts_payee_id_number1",
                table: "payee_accounts",
                column: "payee_id_number",
                unique: true,
                filter: "status = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payee_accounts");
        }
    }
}
