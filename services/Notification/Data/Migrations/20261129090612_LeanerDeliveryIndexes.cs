using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Notification.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeanerDeliveryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_status_channel",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_subscription_id",
                table: "deliveries");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_status_channel",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_subscription_id",
                table: "deliveries");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_status_channel",
                table: "deliveries",
                columns: new[] { "status", "channel" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_subscription_id",
                table: "deliveries",
                column: "subscription_id");
        }
    }
}
