using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Relief;

/// <summary>Assist first from township reserve funds, and staged help (R8).</summary>
[Collection(PlatformCollection.Name)]
public sealed class AssistFirstTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private async Task<Guid> OpenCaseAsync()
    {
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(TestIds.New(), "361102"));
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        var cases = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "relief to open the case");
        return cases.GetProperty("items")[0].GetProperty("caseId").GetGuid();
    }

    private async Task<Guid> FundAsync(decimal balance, decimal cap)
    {
        using var created = await Gateway.PostAsJsonAsync("/api/relief/reserve-funds", new { county = "361102", township = $"街道{Guid.NewGuid():N}"[..12], paymentCap = cap, createdBy = "区民政局" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fundId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
        using var credited = await Gateway.PostAsJsonAsync($"/api/relief/reserve-funds/{fundId}/replenishments", new { amount = balance, recordedBy = "区财政局", reference = "拨款-1" });
        Assert.Equal(HttpStatusCode.OK, credited.StatusCode);
        return fundId;
    }

    [Fact]
    public async Task An_urgent_case_is_paid_first_from_the_reserve_and_the_rest_is_released_in_stages()
    {
        var caseId = await OpenCaseAsync();
        var fundId = await FundAsync(balance: 1000m, cap: 800m);

        using var aboveCap = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/assist-first", new { fundId, amount = 900m, paidBy = "街道社工" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, aboveCap.StatusCode);

        using var paid = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/assist-first", new { fundId, amount = 600m, paidBy = "街道社工" });
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(600m, (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assistFirstAmount").GetDecimal());

        // A second urgent case would overdraw the fund: refused, and it waits.
        var waiting = await OpenCaseAsync();
        using var overdraw = await Gateway.PostAsJsonAsync($"/api/relief/cases/{waiting}/assist-first", new { fundId, amount = 500m, paidBy = "街道社工" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overdraw.StatusCode);
        Assert.Equal("reserve_insufficient", (await overdraw.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var ledger = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/reserve-funds/{fundId}/ledger");
        Assert.Equal(400m, ledger.EnumerateArray().Last().GetProperty("balanceAfter").GetDecimal());

        // The review grants 1,740: 600 already paid, 500 now, the rest later; never more than the grant.
        using var granted = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { proposedBy = "区救助站", releaseNow = 500m });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var grant = await granted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1100m, grant.GetProperty("releasedAmount").GetDecimal());

        using var tooMuch = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/stages", new { amount = 700m, releasedBy = "区救助站" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        using var last = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/stages", new { amount = 640m, releasedBy = "区救助站" });
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal(3, (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stagesReleased").GetInt32());
    }

    [Fact]
    public async Task A_case_paid_first_whose_review_is_late_is_listed_as_overdue()
    {
        var caseId = await OpenCaseAsync();
        var fundId = await FundAsync(balance: 1000m, cap: 1000m);
        using (var paid = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/assist-first", new { fundId, amount = 300m, paidBy = "社区" }))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        var overdue = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>("/api/relief/cases?reviewOverdue=true&pageSize=100"),
            c => c.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("caseId").GetGuid() == caseId),
            "the review to be listed as overdue");
        Assert.True(overdue.GetProperty("items").EnumerateArray().First(i => i.GetProperty("caseId").GetGuid() == caseId).GetProperty("reviewOverdue").GetBoolean());
    }

    [Fact]
    public async Task A_review_that_rejects_a_case_paid_first_flags_it_for_recovery()
    {
        var caseId = await OpenCaseAsync();
        var fundId = await FundAsync(balance: 2000m, cap: 1000m);
        using (var paid = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/assist-first", new { fundId, amount = 700m, paidBy = "村委会" }))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        using var rejected = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/reject", new { decidedBy = "区救助站", reason = "核查发现有稳定收入" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(700m, (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryAmount").GetDecimal());

        var recovery = await Gateway.GetFromJsonAsync<JsonElement>("/api/relief/cases?recovery=true&pageSize=100");
        Assert.Contains(recovery.GetProperty("items").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
    }
}
