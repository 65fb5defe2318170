using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Relief;

/// <summary>R12: a campaign whose service is stopped half-way resumes, paying nobody twice and skipping nobody.</summary>
[Collection(ReliefPlatform.IntegrationTests.Chaos.ChaosCollection.Name)]
public sealed class CampaignCrashTests(PlatformFixture platform)
{
    private const int Recipients = 200_000;

    [Fact]
    public async Task A_campaign_stopped_half_way_resumes_without_paying_twice_or_skipping()
    {
        var reliefDb = await platform.App.GetConnectionStringAsync(ResourceNames.ReliefDb);
        await using (var connection = new NpgsqlConnection(reliefDb))
        {
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand($"""
                INSERT INTO roster_payments (reference, recipient_id, category, payee_id_number, payee_name, county, month, amount, persons, per_person_standard)
                SELECT 'crash-test:' || g, gen_random_uuid(), 'dibao', lpad(g::text, 18, '3'), '测试', '361102', DATE '2021-06-01', 300 + g % 500, 1, 805
                FROM generate_series(1, {Recipients}) g
                ON CONFLICT (reference) DO NOTHING
                """, connection);
            await seed.ExecuteNonQueryAsync();
        }

        using var started = await platform.Gateway.PostAsJsonAsync("/api/relief/campaigns/one-time-living-subsidy",
            new { referenceMonth = "2021-06", deadline = "2021-07-15", createdBy = "crash test" });
        var campaignId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaignId").GetGuid();

        // Stop relief as soon as some batches are out, start it again.
        await Eventually.ReturnsAsync(
            async () => await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/campaigns/{campaignId}"),
            c => c.GetProperty("batches").GetInt32() >= 1, "the first batches", TimeSpan.FromSeconds(60));
        await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Relief, KnownResourceCommands.StopCommand);
        try
        {
            await platform.App.ResourceNotifications.WaitForResourceAsync(ResourceNames.Relief, KnownResourceStates.TerminalStates);
            await using var halfway = new NpgsqlConnection(reliefDb);
            await halfway.OpenAsync();
            await using var issued = new NpgsqlCommand(
                "SELECT c.batches < (SELECT max(p.batch_number) FROM campaign_payments p WHERE p.campaign_key = c.key) FROM campaigns c WHERE c.campaign_id = @id", halfway);
            issued.Parameters.AddWithValue("id", campaignId);
            Assert.True((bool)(await issued.ExecuteScalarAsync())!, "relief should have been stopped half-way");
        }
        finally
        {
            // Started again whatever happened, so the tests after this one find relief running.
            await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Relief, KnownResourceCommands.StartCommand);
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Relief);
        }

        var done = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await platform.Gateway.GetAsync($"/api/relief/campaigns/{campaignId}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            },
            c => c?.GetProperty("status").GetString() == "completed", "the campaign to finish after the restart", TimeSpan.FromSeconds(120));
        Assert.Equal(Recipients, done!.Value.GetProperty("total").GetInt32());
        Assert.Equal(Recipients, done.Value.GetProperty("issued").GetInt32());

        await using (var check = new NpgsqlConnection(reliefDb))
        {
            await check.OpenAsync();
            // Every line is in a batch that was issued.
            await using var unbatched = new NpgsqlCommand("""
                SELECT count(*) FROM campaign_payments p JOIN campaigns c ON c.key = p.campaign_key
                WHERE c.campaign_id = @id AND (p.batch_number IS NULL OR p.batch_number > c.batches)
                """, check);
            unbatched.Parameters.AddWithValue("id", campaignId);
            Assert.Equal(0L, (long)(await unbatched.ExecuteScalarAsync())!);
        }

        // Payments received every line exactly once: one payment per recipient (references are unique there too).
        var paymentsDb = await platform.App.GetConnectionStringAsync(ResourceNames.PaymentsDb);
        await Eventually.TrueAsync(
            async () =>
            {
                await using var connection = new NpgsqlConnection(paymentsDb);
                await connection.OpenAsync();
                await using var count = new NpgsqlCommand("SELECT count(*) FROM payments WHERE reference LIKE @prefix", connection);
                count.Parameters.AddWithValue("prefix", $"one-time-living-subsidy:{campaignId}:%");
                return (long)(await count.ExecuteScalarAsync())! == Recipients;
            },
            "payments to hold every line of the campaign once", TimeSpan.FromSeconds(180));
    }
}
