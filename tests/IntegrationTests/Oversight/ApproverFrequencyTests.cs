using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Oversight;

/// <summary>
/// An approver signing more temporary grants within the window than the limit in force is flagged (R20), counted by
/// the database in one aggregate however many there are (issue 22: reading every grant for every grant grew with the square).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ApproverFrequencyTests(PlatformFixture platform)
{
    // 东湖区: no other test grants there.
    private const string County = "360102";

    [Fact]
    public async Task The_grant_past_the_approvers_limit_raises_one_flag_with_the_count_and_total_of_the_window()
    {
        // The limit in force is 300 grants in 30 days (appsettings): 300 earlier grants of this approver, as the consumer
        // would have remembered them, then the 301st through the bus.
        var approver = $"approver-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await using (var oversight = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.OversightDb)))
        {
            await oversight.OpenAsync();
            await using var seed = new NpgsqlCommand("""
                INSERT INTO seen_grants (case_id, payee_id_number, payee_name, county, amount, case_by_case, approved_by_id, approved_by, approved_at)
                SELECT gen_random_uuid(), @county || lpad(i::text, 12, '0'), '张三', @county, 100.50, false, @approver, '钱审批', @now - make_interval(hours => i)
                FROM generate_series(1, 300) AS i
                """, oversight);
            seed.Parameters.AddWithValue("county", County);
            seed.Parameters.AddWithValue("approver", approver);
            seed.Parameters.AddWithValue("now", now);
            await seed.ExecuteNonQueryAsync();
        }

        var grant = new GrantApproved(Guid.NewGuid(), Guid.NewGuid(), null, $"temporary-assistance:{Guid.NewGuid()}:1", TestIds.New(County), "李四", County,
            "temporary-assistance", 1_000m, now, ApprovedById: approver, ApprovedBy: "钱审批");
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(grant);
        }
        finally
        {
            await bus.StopAsync();
        }

        var flag = await Eventually.ReturnsAsync(
            async () => (await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/oversight/flags?county={County}&rule=approver-frequency&pageSize=100"))
                .GetProperty("items").EnumerateArray().FirstOrDefault(f => f.GetProperty("evidence").GetProperty("approver").GetString() == "钱审批"),
            f => f.ValueKind == JsonValueKind.Object, "the approver-frequency flag");
        var evidence = flag.GetProperty("evidence");
        Assert.Equal(301, evidence.GetProperty("cases").GetInt32());
        Assert.Equal(300 * 100.50m + 1_000m, evidence.GetProperty("total").GetDecimal());
        Assert.Equal(300, evidence.GetProperty("limit").GetInt32());
    }
}
