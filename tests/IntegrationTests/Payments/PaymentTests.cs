using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Payments;

/// <summary>Payment instructions and funds (R11, R19) through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PaymentTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private async Task<Guid> FundAsync(string purpose, string county, decimal amount)
    {
        using var created = await Gateway.PostAsJsonAsync("/api/payments/funds", new { level = "provincial", name = $"省级{purpose}资金", purposes = new[] { purpose } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fundId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
        using var allocated = await Gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county, amount, weighting = "困难地区倾斜", allocatedBy = "省财政厅" });
        Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        return fundId;
    }

    private async Task<JsonElement> PaymentAsync(string reference, string status) =>
        (await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
            p => p.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("status").GetString() == status),
            $"the payment to be {status}")).GetProperty("items")[0];

    private static GrantApproved Grant(string county, decimal amount) =>
        new(Guid.NewGuid(), Guid.NewGuid(), null, $"temporary-assistance:{Guid.NewGuid()}:1", TestIds.New(), "张三", county, "temporary-assistance", amount, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_granted_case_becomes_one_funded_payment()
    {
        await FundAsync("temporary-assistance", "361102", 1_000_000m);
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(TestIds.New(), "361102"));
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        var cases = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "the case");
        var caseId = cases.GetProperty("items")[0].GetProperty("caseId").GetGuid();
        // Lists show names masked; the case itself, opened by the caseworker, in full.
        var personName = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases/{caseId}")).GetProperty("personName").GetString();
        Assert.Equal(PersonalData.MaskName(personName), cases.GetProperty("items")[0].GetProperty("personName").GetString());
        using (var granted = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { proposedBy = "救助站" }))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        // Funded, batched, submitted to the sandbox bank, settled, and the family's timeline says paid.
        var payment = await PaymentAsync($"temporary-assistance:{caseId}:1", "settled");
        var byCase = await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?caseId={caseId}");
        Assert.Equal(1, byCase.GetProperty("total").GetInt32());
        Assert.Equal(1740.00m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal(applicationId, payment.GetProperty("applicationId").GetGuid());
        Assert.Matches(@"^\p{L}\*+$", payment.GetProperty("payeeName").GetString());

        var application = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{applicationId}"),
            a => a.GetProperty("status").GetString() == "closed", "the timeline to reach paid and closed");
        Assert.Contains(application.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("stage").GetString() == "paid");

        var batches = await Gateway.GetFromJsonAsync<JsonElement>("/api/payments/batches?county=361102");
        Assert.Contains(batches.EnumerateArray(), b => b.GetProperty("settled").GetInt32() >= 1 && b.GetProperty("declaredCount").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_failed_payment_is_reissued_as_a_new_attempt_of_the_same_payment()
    {
        await FundAsync("temporary-assistance", "361104", 100_000m);
        var grant = Grant("361104", 900m) with { PayeeName = "失败户名" };
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(grant);
        }
        finally
        {
            await bus.StopAsync();
        }

        var failed = await PaymentAsync(grant.EntitlementReference, "failed");
        Assert.Contains("户名", failed.GetProperty("failureReason").GetString(), StringComparison.Ordinal);
        var paymentId = failed.GetProperty("paymentId").GetGuid();

        using var settledOnes = await Gateway.PostAsJsonAsync($"/api/payments/payments/{paymentId}/cancel", new { by = "操作员", reason = "test" });
        Assert.Equal(HttpStatusCode.Conflict, settledOnes.StatusCode); // a failed payment is reissued, not cancelled

        using var reissued = await Gateway.PostAsJsonAsync($"/api/payments/payments/{paymentId}/reissue", new { by = "操作员", reason = "户名已更正", correctedPayeeName = "张三" });
        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);

        var settled = await PaymentAsync(grant.EntitlementReference, "settled");
        Assert.Equal(1, settled.GetProperty("attempts").GetInt32());
        Assert.Equal(paymentId, settled.GetProperty("paymentId").GetGuid());

        using var again = await Gateway.PostAsJsonAsync($"/api/payments/payments/{paymentId}/reissue", new { by = "操作员", reason = "再次" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // only failed payments are reissued

        var actions = await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments/{paymentId}/actions");
        var action = Assert.Single(actions.EnumerateArray());
        Assert.Equal(("reissue", "省级平台（开发）", "户名已更正"), (action.GetProperty("action").GetString(), action.GetProperty("by").GetString(), action.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task The_same_entitlement_delivered_twice_is_one_payment()
    {
        var grant = Grant("361103", 500m);
        var bus = await platform.StartTestBusAsync();
        try
        {
            var (once, again) = (NewId.NextGuid(), NewId.NextGuid());
            await bus.Publish(grant, ctx => ctx.MessageId = once);
            await bus.Publish(grant with { GrantId = Guid.NewGuid() }, ctx => ctx.MessageId = again); // another message, the same reference
            await platform.WaitUntilHandledAsync(ReliefPlatform.Contracts.ResourceNames.PaymentsDb, once, again);
        }
        finally
        {
            await bus.StopAsync();
        }

        var payments = await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(grant.EntitlementReference)}");
        Assert.Equal(1, payments.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Without_money_of_its_purpose_a_payment_waits_unfunded_until_an_allocation_arrives()
    {
        // 万年县 gets dibao money only: a temporary-assistance payment must not draw from it.
        await FundAsync("dibao", "361129", 1_000_000m);
        var grant = Grant("361129", 800m);
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(grant);
        }
        finally
        {
            await bus.StopAsync();
        }

        await PaymentAsync(grant.EntitlementReference, "unfunded");

        await FundAsync("temporary-assistance", "361129", 800m);
        await PaymentAsync(grant.EntitlementReference, "settled");
        var funds = await Gateway.GetFromJsonAsync<JsonElement>("/api/payments/funds?county=361129");
        Assert.Contains(funds.EnumerateArray(), f => f.GetProperty("allocations").EnumerateArray().Any(a => a.GetProperty("balance").GetDecimal() == 0m));
    }

    [Fact]
    public async Task Concurrent_payments_never_overdraw_an_allocation()
    {
        // 1,000 for temporary assistance in 德兴市, and five payments of 300 at once: three are paid, two wait.
        await FundAsync("temporary-assistance", "361181", 1000m);
        var grants = Enumerable.Range(0, 5).Select(_ => Grant("361181", 300m)).ToList();
        var bus = await platform.StartTestBusAsync();
        try
        {
            await Task.WhenAll(grants.Select(g => bus.Publish(g)));
        }
        finally
        {
            await bus.StopAsync();
        }

        var statuses = await Eventually.ReturnsAsync(
            async () =>
            {
                var list = new List<string>();
                foreach (var grant in grants)
                {
                    var page = await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(grant.EntitlementReference)}");
                    list.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("status").GetString()!));
                }

                return list;
            },
            l => l is { Count: 5 } && l.All(s => s is "unfunded" or "settled"),
            "every payment to be settled or waiting");
        Assert.Equal(3, statuses.Count(s => s == "settled"));
        Assert.Equal(2, statuses.Count(s => s == "unfunded"));

        var funds = await Gateway.GetFromJsonAsync<JsonElement>("/api/payments/funds?county=361181");
        var balances = funds.EnumerateArray().SelectMany(f => f.GetProperty("allocations").EnumerateArray()).Select(a => a.GetProperty("balance").GetDecimal()).ToList();
        Assert.Contains(100m, balances);
        Assert.All(balances, b => Assert.True(b >= 0));
    }

    [Fact]
    public async Task Campaign_batches_are_drawn_as_they_are_instructed_and_never_overdraw_an_allocation()
    {
        // R12, R19: 10,000 for the subsidy in 广丰区, three batches of four 1,000 payments at once: ten are paid, two wait.
        await FundAsync("one-time-subsidy", "361103", 10_000m);
        var campaignId = Guid.NewGuid();
        var batches = Enumerable.Range(1, 3).Select(number => new CampaignPaymentBatch(campaignId, "one-time-living-subsidy", "one-time-subsidy", number,
            Enumerable.Range(0, 4).Select(_ =>
            {
                var recipient = Guid.NewGuid();
                return new CampaignPaymentLine($"one-time-living-subsidy:{campaignId}:{recipient}", recipient, TestIds.New("361103"), "王五", "361103", 1000m);
            }).ToList(), DateTimeOffset.UtcNow)).ToList();
        var bus = await platform.StartTestBusAsync();
        try
        {
            await Task.WhenAll(batches.Select(b => bus.Publish(b)));
        }
        finally
        {
            await bus.StopAsync();
        }

        var references = batches.SelectMany(b => b.Lines).Select(l => l.EntitlementReference).ToList();
        var statuses = await Eventually.ReturnsAsync(
            async () =>
            {
                var list = new List<string>();
                foreach (var reference in references)
                {
                    var page = await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}");
                    list.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("status").GetString()!));
                }

                return list;
            },
            l => l is { Count: 12 } && l.All(s => s is "unfunded" or "settled"),
            "every campaign payment to be settled or waiting");
        Assert.Equal(10, statuses.Count(s => s == "settled"));
        Assert.Equal(2, statuses.Count(s => s == "unfunded"));

        var funds = await Gateway.GetFromJsonAsync<JsonElement>("/api/payments/funds?county=361103");
        var balances = funds.EnumerateArray().Where(f => f.GetProperty("purposes").EnumerateArray().Any(p => p.GetString() == "one-time-subsidy"))
            .SelectMany(f => f.GetProperty("allocations").EnumerateArray()).Select(a => a.GetProperty("balance").GetDecimal()).ToList();
        Assert.Equal([0m], balances);
    }

    [Fact]
    public async Task A_crash_between_submitting_and_recording_does_not_pay_twice()
    {
        await FundAsync("temporary-assistance", "361124", 10_000m);
        var grant = Grant("361124", 700m);
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(grant);
        }
        finally
        {
            await bus.StopAsync();
        }

        await PaymentAsync(grant.EntitlementReference, "settled");

        // Roll the payments side back to "batch made, not yet submitted", as if it had crashed right after the bank accepted the file.
        var paymentsDb = await Aspire.Hosting.Testing.DistributedApplicationHostingTestingExtensions.GetConnectionStringAsync(platform.App, ReliefPlatform.Contracts.ResourceNames.PaymentsDb);
        await using var connection = new Npgsql.NpgsqlConnection(paymentsDb);
        await connection.OpenAsync();
        await using (var rollBack = new Npgsql.NpgsqlCommand("""
            UPDATE payment_batches SET status = 'Created', submitted_at = NULL WHERE key = (SELECT batch_key FROM payments WHERE reference = @r);
            UPDATE payments SET status = 'Batched' WHERE reference = @r;
            """, connection))
        {
            rollBack.Parameters.AddWithValue("r", grant.EntitlementReference);
            await rollBack.ExecuteNonQueryAsync();
        }

        // The worker resubmits the same bank reference; the bank recognises it and reports its result again.
        await PaymentAsync(grant.EntitlementReference, "settled");
        await using var paid = new Npgsql.NpgsqlCommand("""
            SELECT count(*) FROM sandbox_bank_result_files f, regexp_split_to_table(f.file, E'\n') AS line
            WHERE f.kind = 'results' AND line LIKE @r
            """, connection);
        paid.Parameters.AddWithValue("r", grant.EntitlementReference + "#%,settled,%"); // a CSV line: reference,outcome,reason_zh,reason_en
        Assert.Equal(1L, (long)(await paid.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Money_the_bank_sends_back_after_settlement_is_recorded_as_returned_and_can_be_reissued()
    {
        await FundAsync("temporary-assistance", "361126", 10_000m);
        var grant = Grant("361126", 650m) with { PayeeName = "退回户名" };
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(grant);
        }
        finally
        {
            await bus.StopAsync();
        }

        var returned = await PaymentAsync(grant.EntitlementReference, "returned");
        Assert.Contains("退回", returned.GetProperty("failureReason").GetString(), StringComparison.Ordinal);

        var batches = await Gateway.GetFromJsonAsync<JsonElement>("/api/payments/batches?county=361126");
        Assert.Contains(batches.EnumerateArray(), b => b.GetProperty("returned").GetInt32() >= 1);

        using var reissued = await Gateway.PostAsJsonAsync($"/api/payments/payments/{returned.GetProperty("paymentId").GetGuid()}/reissue",
            new { by = "操作员", reason = "已更换账户", correctedPayeeName = "张三" });
        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);
        Assert.Equal(1, (await PaymentAsync(grant.EntitlementReference, "settled")).GetProperty("attempts").GetInt32());
    }
}
