using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Relief.Data.Migrations
{
    /// <inheritdoc />
    public partial class PriceSubsidyFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // R15: a household's price subsidy = its monthly per-person standard × the price rise (%),
            // rounded half away from zero to the mechanism's digits, × its persons. In the database so the
            // statement that writes a campaign's million lines computes it; an SQL expression function, so
            // the planner inlines it. Tested by PriceSubsidyFormulaTests.
            migrationBuilder.Sql("""
                CREATE FUNCTION price_subsidy(per_person_standard numeric, persons integer, rate numeric, rounding_digits integer)
                RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN round(per_person_standard * rate / 100, rounding_digits) * persons;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION price_subsidy(numeric, integer, numeric, integer);");
        }
    }
}
