using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Relief;

/// <summary>
/// R15's amount has one home, the relief database's <c>price_subsidy</c> function, which the campaign
/// statements call: the formula is tested there, in the migrated database, not in a C# twin.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PriceSubsidyFormulaTests(PlatformFixture platform)
{
    [Theory]
    [InlineData(870, 1, 4.0, 1, 34.8)]
    [InlineData(850, 1, 3.5, 0, 30)]     // 29.75 → 30 yuan
    [InlineData(850, 1, 3.5, 1, 29.8)]   // 29.75 → 29.8, half away from zero
    [InlineData(660, 1, 6.1, 2, 40.26)]
    [InlineData(850, 3, 3.5, 1, 89.4)]   // per person rounded first, then × persons: 29.8 × 3
    public async Task A_household_gets_the_standard_times_the_rise_rounded_per_person_times_its_persons(
        double standard, int persons, double rate, int digits, double expected)
    {
        var connectionString = await platform.App.GetConnectionStringAsync(ResourceNames.ReliefDb);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT price_subsidy($1, $2, $3, $4)", connection)
        {
            Parameters = { new() { Value = (decimal)standard }, new() { Value = persons }, new() { Value = (decimal)rate }, new() { Value = digits } },
        };

        Assert.Equal((decimal)expected, (decimal)(await command.ExecuteScalarAsync())!);
    }
}
