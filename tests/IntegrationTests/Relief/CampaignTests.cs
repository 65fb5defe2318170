using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Relief;

/// <summary>R12: the one-time living subsidy pays each roster recipient its reference-month payment once.</summary>
[Collection(PlatformCollection.Name)]
public class CampaignTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task The_one_time_subsidy_pays_each_recipient_its_month_once_however_often_it_is_started()
    {
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var body = new { referenceMonth = month, deadline, createdBy = "市民政局" };
        using var started = await Gateway.PostAsJsonAsync("/api/relief/campaigns/one-time-living-subsidy", body);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, started.StatusCode.ToString());
        var campaignId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaignId").GetGuid();

        // A household enrolled and paid this month joins the issuing campaign, even though it came after the start.
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(TestIds.New()));
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        await new ProcedureDriver(platform).ApproveInXinzhouAsync(applicationId);
        var roster = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster?applicationId={applicationId}"),
            r => r.GetProperty("total").GetInt32() == 1, "the enrolment");
        var recipientId = roster.GetProperty("items")[0].GetProperty("recipientId").GetGuid();
        using (var run = await Gateway.PostAsJsonAsync("/api/eligibility/monthly-runs", new { month }))
        {
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        var payments = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/campaigns/{campaignId}/payments?recipientId={recipientId}"),
            p => p.GetArrayLength() == 1 && p[0].GetProperty("batchNumber").ValueKind == JsonValueKind.Number,
            "the recipient's subsidy to be batched for payments", TimeSpan.FromSeconds(90));
        Assert.Equal(331.00m, payments[0].GetProperty("amount").GetDecimal()); // exactly its payment of the month
        Assert.StartsWith($"one-time-living-subsidy:{campaignId}:", payments[0].GetProperty("reference").GetString(), StringComparison.Ordinal);

        // Started again: the same campaign, and still one payment for the recipient.
        using var again = await Gateway.PostAsJsonAsync("/api/relief/campaigns/one-time-living-subsidy", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(campaignId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaignId").GetGuid());
        // A second start answers synchronously with the same campaign; a second line for the recipient is
        // impossible by the unique (campaign, recipient) key, so there is nothing to wait for.
        Assert.Single((await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/campaigns/{campaignId}/payments?recipientId={recipientId}")).EnumerateArray());

        // A payment numbered into a batch is not yet issued: a recipient already on the roster when the runner filled the
        // campaign is numbered by the fill, and counted as issued when the runner's next transaction sends its batch.
        var progress = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/campaigns/{campaignId}"),
            p => p.GetProperty("issued").GetInt32() >= 1, "the campaign to count its first batch as issued");
        Assert.Equal("running", progress.GetProperty("status").GetString()); // issuing until the deadline

        // Issue 22: a connection given back to the pool is not reset, so the runner's session lock (one replica runs a
        // campaign) must be released by the runner itself: between its rounds no idle connection of relief holds one.
        var reliefDb = await platform.App.GetConnectionStringAsync(ResourceNames.ReliefDb);
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(reliefDb);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                """
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND a.datname = current_database() AND a.state = 'idle'
                  AND a.application_name <> 'leader-election' AND a.pid <> pg_backend_pid()
                """, connection);
            return (long)(await command.ExecuteScalarAsync())! == 0;
        }, "relief's idle pooled connections to hold no session lock");
    }

    [Fact]
    public async Task The_dashboard_command_starts_the_june_subsidy()
    {
        var result = await platform.ExecuteDashboardCommandAsync(
            ReliefPlatform.Contracts.ResourceNames.Relief, ReliefPlatform.AppHost.PlatformServiceExtensions.OneTimeSubsidyCommand);

        Assert.True(result.Success, result.Message);
    }
}

/// <summary>R15: the price subsidy pays the roster when the month's prices trigger the mechanism, and nothing otherwise.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PriceSubsidyTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_month_below_the_triggers_pays_nothing()
    {
        using var cpi = await Gateway.PostAsJsonAsync("/api/relief/price-linkage/cpi", new { month = "2023-03", cpiYearOnYear = 2.3m, foodCpiYearOnYear = 4.1m, source = "国家统计局", recordedBy = "市民政局" });
        Assert.Equal(HttpStatusCode.Created, cpi.StatusCode);

        using var start = await Gateway.PostAsJsonAsync("/api/relief/campaigns/price-subsidy", new { month = "2023-03", createdBy = "市民政局" });
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var answer = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("triggered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("campaign").ValueKind);
    }

    [Fact]
    public async Task A_triggering_month_pays_each_person_the_standard_times_the_price_rise()
    {
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var cpi = await Gateway.PostAsJsonAsync("/api/relief/price-linkage/cpi", new { month, cpiYearOnYear = 4.0m, foodCpiYearOnYear = 5.0m, source = "国家统计局", recordedBy = "市民政局" });
        Assert.Equal(HttpStatusCode.Created, cpi.StatusCode);
        using var start = await Gateway.PostAsJsonAsync("/api/relief/campaigns/price-subsidy", new { month, createdBy = "市民政局" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var campaignId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaign").GetProperty("campaignId").GetGuid();

        // A two-person dibao household in 信州区 (example standard 870) paid this month.
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(TestIds.New(), "361102", TestIds.New()));
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        await new ProcedureDriver(platform).ApproveInXinzhouAsync(applicationId);
        var roster = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster?applicationId={applicationId}"),
            r => r.GetProperty("total").GetInt32() == 1, "the enrolment");
        var recipientId = roster.GetProperty("items")[0].GetProperty("recipientId").GetGuid();
        using (var run = await Gateway.PostAsJsonAsync("/api/eligibility/monthly-runs", new { month }))
        {
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        var payments = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/campaigns/{campaignId}/payments?recipientId={recipientId}"),
            p => p.GetArrayLength() == 1, "the price subsidy of the household", TimeSpan.FromSeconds(90));
        Assert.Equal(69.60m, payments[0].GetProperty("amount").GetDecimal()); // round(870 × 4.0 %, jiao) = 34.8 per person, two people

        using var again = await Gateway.PostAsJsonAsync("/api/relief/campaigns/price-subsidy", new { month, createdBy = "市民政局" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(campaignId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaign").GetProperty("campaignId").GetGuid());
    }
}
