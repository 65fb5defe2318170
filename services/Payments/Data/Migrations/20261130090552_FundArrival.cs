using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class FundArrival : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "arrived_on",
                table: "funds",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Funds recorded before this column arrived on the day they were recorded, as far as anyone knows.
            migrationBuilder.Sql("UPDATE funds SET arrived_on = (created_at AT TIME ZONE 'Asia/Shanghai')::date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "arrived_on",
                table: "funds");
        }
    }
}
