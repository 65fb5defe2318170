using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class HotStatusUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_county_allocation_key_key",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_county_key",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_county_purpose_key",
                table: "payments");

            migrationBuilder.AlterTable(
                name: "payments")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.CreateIndex(
                name: "ix_payments_county_allocation_key_key",
                table: "payments",
                columns: new[] { "county", "allocation_key", "key" },
                filter: "allocation_key IS NOT NULL AND batch_key IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payments_county_purpose_key",
                table: "payments",
                columns: new[] { "county", "purpose", "key" },
                filter: "allocation_key IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_county_allocation_key_key",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_county_purpose_key",
                table: "payments");

            migrationBuilder.AlterTable(
                name: "payments")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.CreateIndex(
                name: "ix_payments_county_allocation_key_key",
                table: "payments",
                columns: new[] { "county", "allocation_key", "key" },
                filter: "status = 'Funded' AND batch_key IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payments_county_key",
                table: "payments",
                columns: new[] { "county", "key" },
                filter: "status IN ('Unfunded', 'Failed', 'Returned')");

            migrationBuilder.CreateIndex(
                name: "ix_payments_county_purpose_key",
                table: "payments",
                columns: new[] { "county", "purpose", "key" },
                filter: "status IN ('Instructed', 'Unfunded')");
        }
    }
}
