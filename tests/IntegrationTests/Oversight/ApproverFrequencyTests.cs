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
        var (approver, now) = await ApproverWithGrantsAsync(300);

        await PublishGrantsAsync(approver, "钱审批", now, 1);

        var evidence = (await FlagOfAsync("钱审批")).GetProperty("evidence");
        Assert.Equal(301, evidence.GetProperty("cases").GetInt32());
        Assert.Equal(300 * 100.50m + 1_000m, evidence.GetProperty("total").GetDecimal());
        Assert.Equal(300, evidence.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task Far_past_the_limit_a_new_flag_has_the_whole_windows_figures_and_the_next_grants_no_other()
    {
        // 350 earlier grants and none flagged (seeded): each grant is counted only to the 301st, so the flag of this window
        // is not raised yet and gets the window counted in full (351); the grants after it find it raised and add none.
        var (approver, now) = await ApproverWithGrantsAsync(350);

        await PublishGrantsAsync(approver, "吴审批", now, 1);
        var evidence = (await FlagOfAsync("吴审批")).GetProperty("evidence");
        Assert.Equal(351, evidence.GetProperty("cases").GetInt32());
        Assert.Equal(350 * 100.50m + 1_000m, evidence.GetProperty("total").GetDecimal());

        await PublishGrantsAsync(approver, "吴审批", now.AddSeconds(1), 2);
        await Eventually.ReturnsAsync(() => CountGrantsAsync(approver), n => n == 353, "the next two grants remembered");
        Assert.Single(await FlagsOfAsync("吴审批"));
    }

    [Fact]
    public async Task Two_grants_consumed_at_once_across_the_limit_raise_the_flag()
    {
        // 299 earlier grants, then two at once: counted one at a time below the limit, the second sees the first and is
        // the 301st. Counted in parallel, each would see 300 and neither would flag.
        var (approver, now) = await ApproverWithGrantsAsync(299);

        await PublishGrantsAsync(approver, "孙审批", now, 2);

        var evidence = (await FlagOfAsync("孙审批")).GetProperty("evidence");
        Assert.Equal(301, evidence.GetProperty("cases").GetInt32());
    }

    [Fact]
    public async Task An_earlier_grant_consumed_after_a_later_one_completes_the_later_ones_window()
    {
        // 299 earlier grants; the grant approved now is consumed first (300 in its window: no flag), then one approved half
        // an hour ago (300 in the window ending at it). The window ending now holds 301: the flag is due all the same.
        var (approver, now) = await ApproverWithGrantsAsync(299);

        await PublishGrantsAsync(approver, "周审批", now, 1);
        await Eventually.ReturnsAsync(() => CountGrantsAsync(approver), n => n == 300, "the later grant remembered");
        await PublishGrantsAsync(approver, "周审批", now.AddMinutes(-30), 1);

        var evidence = (await FlagOfAsync("周审批")).GetProperty("evidence");
        Assert.Equal(301, evidence.GetProperty("cases").GetInt32());
    }

    private async Task<long> CountGrantsAsync(string approver)
    {
        await using var oversight = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.OversightDb));
        await oversight.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM seen_grants WHERE approved_by_id = @approver", oversight);
        count.Parameters.AddWithValue("approver", approver);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A new approver with <paramref name="earlier"/> grants, as the consumer would have remembered them, an hour apart back from now.</summary>
    private async Task<(string Approver, DateTimeOffset Now)> ApproverWithGrantsAsync(int earlier)
    {
        var approver = $"approver-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await using var oversight = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.OversightDb));
        await oversight.OpenAsync();
        await using var seed = new NpgsqlCommand("""
            INSERT INTO seen_grants (case_id, payee_id_number, payee_name, county, amount, case_by_case, approved_by_id, approved_by, approved_at)
            SELECT gen_random_uuid(), @county || lpad(i::text, 12, '0'), '张三', @county, 100.50, false, @approver, '钱审批', @now - make_interval(hours => i)
            FROM generate_series(1, @count) AS i
            """, oversight);
        seed.Parameters.AddWithValue("county", County);
        seed.Parameters.AddWithValue("approver", approver);
        seed.Parameters.AddWithValue("now", now);
        seed.Parameters.AddWithValue("count", earlier);
        await seed.ExecuteNonQueryAsync();
        return (approver, now);
    }

    /// <summary>Grants of the approver through the bus, all at once, each to another payee, approved at <paramref name="at"/>.</summary>
    private async Task PublishGrantsAsync(string approver, string approverName, DateTimeOffset at, int count)
    {
        var bus = await platform.StartTestBusAsync();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(_ => bus.Publish(new GrantApproved(Guid.NewGuid(), Guid.NewGuid(), null,
                $"temporary-assistance:{Guid.NewGuid()}:1", TestIds.New(County), "李四", County, "temporary-assistance", 1_000m, at,
                ApprovedById: approver, ApprovedBy: approverName))));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private async Task<JsonElement> FlagOfAsync(string approverName) =>
        await Eventually.ReturnsAsync(async () => (await FlagsOfAsync(approverName)).FirstOrDefault(),
            f => f.ValueKind == JsonValueKind.Object, "the approver-frequency flag");

    /// <summary>The approver-frequency flags of the approver, as the gateway lists them.</summary>
    private async Task<List<JsonElement>> FlagsOfAsync(string approverName) =>
        [.. (await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/oversight/flags?county={County}&rule=approver-frequency&pageSize=100"))
            .GetProperty("items").EnumerateArray().Where(f => f.GetProperty("evidence").GetProperty("approver").GetString() == approverName)];
}
