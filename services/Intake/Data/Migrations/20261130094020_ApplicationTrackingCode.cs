using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Intake.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApplicationTrackingCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tracking_code",
                table: "applications",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            // Applications received before codes existed get one each (12 characters of the same alphabet, unique by the key mixed in).
            migrationBuilder.Sql("""
                UPDATE applications SET tracking_code = upper(translate(substr(md5(key::text || random()::text || clock_timestamp()::text), 1, 12), '01', '89'))
                WHERE tracking_code = ''
                """);

            migrationBuilder.CreateIndex(
                name: "ix_applications_tracking_code",
                table: "applications",
                column: "tracking_code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_applications_tracking_code",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "tracking_code",
                table: "applications");
        }
    }
}
