using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Intake.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResidenceTownship : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "residence_township",
                table: "applications",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_applications_residence_township_submitted_at",
                table: "applications",
                columns: new[] { "residence_township", "submitted_at" },
                filter: "residence_township IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_applications_residence_township_submitted_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "residence_township",
                table: "applications");
        }
    }
}
