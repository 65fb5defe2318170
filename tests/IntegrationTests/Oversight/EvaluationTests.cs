using MassTransit;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Oversight;

/// <summary>R21's figures (issue 19): the amounts paid reconcile to the cent with payments' settled totals, and export as CSV and XLSX.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EvaluationTests(PlatformFixture platform)
{
    // 进贤县: no other test pays there, so its figures are this test's alone.
    private const string County = "360124";

    [Fact]
    public async Task The_amounts_paid_reconcile_to_the_cent_with_payments_settled_totals_including_money_sent_back()
    {
        var gateway = platform.Gateway;
        using (var fund = await gateway.PostAsJsonAsync("/api/payments/funds", new { level = "provincial", name = "省级临时救助资金（进贤）", purposes = new[] { "temporary-assistance" } }))
        {
            var fundId = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
            using var allocated = await gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county = County, amount = 100_000m, weighting = "常规", allocatedBy = "省财政厅" });
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, allocated);
        }

        // Amounts with fen that do not add up in binary floating point; one payee whose money the bank sends back.
        decimal[] amounts = [1234.56m, 0.07m, 999.99m, 1740.10m, 333.33m];
        var grants = amounts.Select((amount, i) => new GrantApproved(Guid.NewGuid(), Guid.NewGuid(), null, $"temporary-assistance:{Guid.NewGuid()}:1", TestIds.New(County),
            i == 4 ? "退回王五" : "张三", County, "temporary-assistance", amount, DateTimeOffset.UtcNow)).ToList();
        var bus = await platform.StartTestBusAsync();
        try
        {
            foreach (var grant in grants)
            {
                await bus.Publish(grant);
            }
        }
        finally
        {
            await bus.StopAsync();
        }

        await using var payments = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.PaymentsDb));
        await payments.OpenAsync();
        async Task<(decimal Settled, int Returned)> PaymentsTotalsAsync()
        {
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(sum(amount) FILTER (WHERE status = 'Settled'), 0), count(*) FILTER (WHERE status = 'Returned')::int FROM payments WHERE county = @county", payments);
            command.Parameters.AddWithValue("county", County);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetDecimal(0), reader.GetInt32(1));
        }

        await Eventually.ReturnsAsync(PaymentsTotalsAsync, t => t.Settled == 1234.56m + 0.07m + 999.99m + 1740.10m && t.Returned == 1,
            "four payments settled and one sent back", TimeSpan.FromSeconds(90));

        // This month and the one before: a test running over midnight at a month's end still finds everything.
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var path = $"/api/oversight/figures?from={today.AddMonths(-1):yyyy-MM}&to={month}&county={County}";
        var expected = (await PaymentsTotalsAsync()).Settled;
        var rows = await Eventually.ReturnsAsync(async () => await gateway.GetFromJsonAsync<JsonElement>(path),
            r => r.EnumerateArray().Sum(m => m.GetProperty("paid").GetDecimal()) == expected, "oversight's paid total to reach payments' settled total");
        Assert.Equal(expected, rows.EnumerateArray().Sum(m => m.GetProperty("paidByPurpose").TryGetProperty("temporary-assistance", out var p) ? p.GetDecimal() : 0m));
        Assert.Equal(5, rows.EnumerateArray().Sum(m => m.GetProperty("paymentLines").GetInt64())); // the returned one was settled first

        // Exports: CSV with its header, XLSX a spreadsheet (a zip package).
        var query = $"from={month}&to={month}&county={County}";
        using (var csv = await gateway.GetAsync($"/api/oversight/figures/export?{query}&format=csv"))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, csv);
            var text = await csv.Content.ReadAsStringAsync();
            Assert.StartsWith("county,county_name,month,applications", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Contains($"{County},进贤县,{month}", text, StringComparison.Ordinal);
        }

        using (var xlsx = await gateway.GetAsync($"/api/oversight/figures/export?{query}&format=xlsx"))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, xlsx);
            var bytes = await xlsx.Content.ReadAsByteArrayAsync();
            Assert.Equal((byte)'P', bytes[0]);
            Assert.Equal((byte)'K', bytes[1]);
        }

        using (var invalid = await gateway.GetAsync($"/api/oversight/figures?from={month}&to=2020-01"))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.BadRequest, invalid);
        }

        // A county's office sees its own figures only.
        var driver = new ProcedureDriver(platform);
        using var xinzhou = await driver.NewPersonAsync("county-approver", "361102");
        using (var refused = await xinzhou.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Hotline_calls_reach_the_figures_with_their_minutes_to_first_answer()
    {
        const string county = "360121"; // 南昌县: only this test records calls there
        var received = DateTimeOffset.UtcNow.AddMinutes(-30);
        foreach (var seconds in new[] { 60, 120, 600 })
        {
            using var response = await platform.Gateway.PostAsJsonAsync("/api/intake/hotline-tickets", new
            {
                county, callerName = "孙七", callerPhone = "13900001111", question = "如何申请低保", takenBy = "坐席02",
                receivedAt = received, firstAnsweredAt = received.AddSeconds(seconds), outcome = "answered",
            });
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, response);
        }

        var month = received.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var figures = await Eventually.ReturnsAsync(
            async () => (await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/oversight/figures?from={month}&to={month}&county={county}"))[0],
            f => f.GetProperty("hotlineCalls").GetInt32() == 3, "the three calls in the county's figures");
        Assert.Equal(2.0, figures.GetProperty("hotlineAnswerMinutesP50").GetDouble());
        Assert.DoesNotContain("13900001111", figures.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_is_kept_once_per_application_the_latest_even_when_several_arrive_together()
    {
        // R21's time to decision counts each application once, at its latest decision (a review's replaces the first).
        var driver = new ProcedureDriver(platform);
        var application = await driver.SubmitAsync(ApplicationRequests.UninsuredUnemployed(TestIds.New("361102"), "361102"));
        await using var oversight = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.OversightDb));
        await oversight.OpenAsync();
        async Task<(string Outcome, DateTime DecidedAt)?> DecidedAsync()
        {
            await using var command = new NpgsqlCommand("SELECT outcome, decided_at FROM decided_applications WHERE application_id = @id", oversight);
            command.Parameters.AddWithValue("id", application);
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? (reader.GetString(0), reader.GetDateTime(1)) : null;
        }

        var first = await Eventually.ReturnsAsync(DecidedAsync, d => d is not null, "the assessment's decision in oversight");
        Assert.Equal("eligible", first!.Value.Outcome);

        // A later decision, delivered twice, and an older one, published together: they reach the batch consumer at once.
        var later = DateTimeOffset.UtcNow.AddMinutes(5);
        EligibilityAssessed Decision(DateTimeOffset at, Contracts.Eligibility.AssessmentOutcome outcome) => new(application, Guid.NewGuid(), at, Contracts.Shared.Scheme.TemporaryAssistance,
            Contracts.Shared.TemporaryAssistanceKind.UninsuredUnemployed, outcome, "temporary", null, "复核后不予批准", "refused on review", []);
        var bus = await platform.StartTestBusAsync();
        try
        {
            var twice = NewId.NextGuid();
            await Task.WhenAll(
                bus.Publish(Decision(later, Contracts.Eligibility.AssessmentOutcome.NotEligible), c => c.MessageId = twice),
                bus.Publish(Decision(later, Contracts.Eligibility.AssessmentOutcome.NotEligible), c => c.MessageId = twice),
                bus.Publish(Decision(later.AddMinutes(-3), Contracts.Eligibility.AssessmentOutcome.Eligible)));
        }
        finally
        {
            await bus.StopAsync();
        }

        var last = await Eventually.ReturnsAsync(DecidedAsync, d => d?.Outcome == "not-eligible", "the latest decision");
        Assert.Equal(later.UtcDateTime, last!.Value.DecidedAt, TimeSpan.FromMilliseconds(1));
    }
}
