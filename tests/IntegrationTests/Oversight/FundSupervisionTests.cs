using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Oversight;

/// <summary>Fund supervision (R19, issue 19): allocations late after the money arrived, and audit findings with their deadlines.</summary>
[Collection(PlatformCollection.Name)]
public sealed class FundSupervisionTests(PlatformFixture platform)
{
    // 安义县: no other test allocates there.
    private const string County = "360123";

    [Fact]
    public async Task An_allocation_made_forty_days_after_the_money_arrived_is_late()
    {
        var gateway = platform.Gateway;
        var arrived = DateTime.UtcNow.AddHours(8).AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var future = await gateway.PostAsJsonAsync("/api/payments/funds", new { level = "central", name = "中央困难群众救助补助资金", purposes = new[] { "dibao" }, arrivedOn = "2999-01-01" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.BadRequest, future);
        }

        Guid fundId;
        using (var fund = await gateway.PostAsJsonAsync("/api/payments/funds", new { level = "central", name = "中央困难群众救助补助资金（安义）", purposes = new[] { "dibao", "tekun" }, arrivedOn = arrived }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, fund);
            fundId = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
        }

        using (var allocated = await gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county = County, amount = 50_000m, weighting = "常规", allocatedBy = "省财政厅" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, allocated);
        }

        var report = await gateway.GetFromJsonAsync<JsonElement>($"/api/payments/funds/supervision?county={County}&late=true");
        var line = report.EnumerateArray().Single(a => a.GetProperty("fundId").GetGuid() == fundId);
        Assert.Equal(40, line.GetProperty("daysToAllocate").GetInt32());
        Assert.True(line.GetProperty("allocatedLate").GetBoolean());
        Assert.False(line.GetProperty("idle").GetBoolean());
        Assert.Equal(50_000m, line.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task An_audit_finding_past_10_July_is_overdue_until_rectified_and_reported_by_its_county()
    {
        var driver = new ProcedureDriver(platform);
        var year = DateTime.UtcNow.AddHours(8).Year - 1; // last year's: both deadlines have passed
        using var supervisor = await driver.NewPersonAsync("supervisor", "360000");
        Guid findingId;
        using (var recorded = await supervisor.PostAsJsonAsync("/api/oversight/audit-findings",
                   new { county = County, year, source = "江西省审计厅", subject = "困难群众救助补助资金结余超过一年未使用", amount = 120_000.50m }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, recorded);
            var body = await recorded.Content.ReadFromJsonAsync<JsonElement>();
            findingId = body.GetProperty("findingId").GetGuid();
            Assert.Equal($"{year}-07-10", body.GetProperty("rectifyBy").GetString());
            Assert.Equal($"{year}-08-15", body.GetProperty("reportBy").GetString());
            Assert.Equal("rectification", body.GetProperty("overdue").GetString());
        }

        var overdue = await supervisor.GetFromJsonAsync<JsonElement>($"/api/oversight/audit-findings?county={County}&overdue=true");
        Assert.Contains(overdue.EnumerateArray(), f => f.GetProperty("findingId").GetGuid() == findingId);

        using var other = await driver.NewPersonAsync("county-approver", "361102");
        using (var refused = await other.PostAsJsonAsync($"/api/oversight/audit-findings/{findingId}/rectification", new { text = "不是本县的" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var county = await driver.NewPersonAsync("county-approver", County);
        using (var early = await county.PostAsJsonAsync($"/api/oversight/audit-findings/{findingId}/report", new { text = "先报送" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, early);
        }

        using (var rectified = await county.PostAsJsonAsync($"/api/oversight/audit-findings/{findingId}/rectification", new { text = "结余资金已统筹用于临时救助，并建立季度清理机制。" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, rectified);
            Assert.Equal("report", (await rectified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("overdue").GetString());
        }

        using (var reported = await county.PostAsJsonAsync($"/api/oversight/audit-findings/{findingId}/report", new { text = "整改情况已报送省审计厅。" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, reported);
        }

        overdue = await supervisor.GetFromJsonAsync<JsonElement>($"/api/oversight/audit-findings?county={County}&overdue=true");
        Assert.DoesNotContain(overdue.EnumerateArray(), f => f.GetProperty("findingId").GetGuid() == findingId);
    }
}
