using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class CampaignBatchesNumberedAtFill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_campaign_payments_campaign_key_key",
                table: "campaign_payments");

            migrationBuilder.DropColumn(
                name: "last_batched_key",
                table: "campaigns");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "last_batched_key",
                table: "campaigns",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_campaign_payments_campaign_key_key",
                table: "campaign_payments",
                columns: new[] { "campaign_key", "key" });
        }
    }
}
