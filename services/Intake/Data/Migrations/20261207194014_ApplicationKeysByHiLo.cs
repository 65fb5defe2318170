using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Intake.Data.Migrations
{
    /// <summary>
    /// Applications' keys come from a sequence a block at a time instead of an identity column (issue 22), so a
    /// submission's rows go in one batch. The sequence starts after the keys already used; going back, the identity
    /// does too.
    /// </summary>
    public partial class ApplicationKeysByHiLo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "applications_key_hilo",
                incrementBy: 20);

            migrationBuilder.AlterColumn<long>(
                name: "key",
                table: "applications",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .OldAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.Sql("SELECT setval('applications_key_hilo', COALESCE(max(key), 0) + 1, false) FROM applications;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropSequence(
                name: "applications_key_hilo");

            migrationBuilder.AlterColumn<long>(
                name: "key",
                table: "applications",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.Sql("SELECT setval(pg_get_serial_sequence('applications', 'key'), COALESCE(max(key), 0) + 1, false) FROM applications;");
        }
    }
}
