using Microsoft.EntityFrameworkCore.Migrations;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Data;

#nullable disable

namespace ReliefPlatform.Gateway.People.Migrations
{
    /// <summary>Issue 23: the append-only tables that grow for years become partitioned by month, every row kept.</summary>
    public partial class PartitionByMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuditTrailModel.PartitionByMonthSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("A table partitioned by month is not turned back into one table; restore the backup taken before the upgrade.");
    }
}
