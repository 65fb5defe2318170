using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Notification.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_deliveries_retention",
                table: "deliveries",
                column: "created_at",
                filter: "channel <> 'Inbox' AND status IN ('Delivered', 'DeadLettered')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_retention",
                table: "deliveries");
        }
    }
}
