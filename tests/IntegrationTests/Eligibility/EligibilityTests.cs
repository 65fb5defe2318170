using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Eligibility;

/// <summary>Policy as data and assessments through the gateway (R4, R6, R11, R20).</summary>
[Collection(PlatformCollection.Name)]
public sealed class EligibilityTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task The_example_standards_of_all_twelve_counties_are_in_force_with_their_history()
    {
        var standards = await Gateway.GetFromJsonAsync<JsonElement>("/api/eligibility/policies/standards");
        Assert.Equal(12 * 2 * 2, standards.GetArrayLength()); // county × urban/rural × dibao/tekun

        var history = await Gateway.GetFromJsonAsync<JsonElement>("/api/eligibility/policies/standards/history?county=361123");
        Assert.Contains(history.EnumerateArray(), s => s.GetProperty("effectiveFrom").GetString() == "2021-07-01");

        var past = await Gateway.GetFromJsonAsync<JsonElement>("/api/eligibility/policies/standards?county=361123&at=2022-06-30");
        var urbanDibao2021 = past.EnumerateArray().Single(s => s.GetProperty("areaType").GetString() == "urban" && s.GetProperty("kind").GetString() == "dibao");
        Assert.Equal(805m, urbanDibao2021.GetProperty("monthlyAmount").GetDecimal());
    }

    [Fact]
    public async Task A_new_standard_is_a_new_version_from_a_future_date_and_the_past_cannot_be_rewritten()
    {
        // A day of its own within the five years ahead a version may be recorded for.
        var effective = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2 + Random.Shared.Next(0, 4 * 365))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Read first, so the service holds the policy in memory (issue 22): the new version must still be seen at once.
        var before = await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/policies/standards?county=361124&at={effective}");
        Assert.DoesNotContain(before.EnumerateArray(), s => s.GetProperty("effectiveFrom").GetString() == effective);
        using var created = await Gateway.PostAsJsonAsync("/api/eligibility/policies/standards",
            new { county = "361124", areaType = "rural", kind = "dibao", monthlyAmount = 700.00m, effectiveFrom = effective, recordedBy = "铅山县民政局", note = "annual raise" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var again = await Gateway.PostAsJsonAsync("/api/eligibility/policies/standards",
            new { county = "361124", areaType = "rural", kind = "dibao", monthlyAmount = 710.00m, effectiveFrom = effective, recordedBy = "铅山县民政局" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var past = await Gateway.PostAsJsonAsync("/api/eligibility/policies/standards",
            new { county = "361124", areaType = "rural", kind = "dibao", monthlyAmount = 1.00m, effectiveFrom = "2022-07-01", recordedBy = "someone" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("effectiveFrom", out _));

        var inForce = await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/policies/standards?county=361124&at={effective}");
        Assert.Contains(inForce.EnumerateArray(), s => s.GetProperty("monthlyAmount").GetDecimal() == 700.00m && s.GetProperty("recordedBy").GetString() == "省级平台（开发）"); // the token's actor; a recordedBy in the body is ignored
    }

    [Fact]
    public async Task The_gradual_exit_period_cannot_be_set_below_six_months()
    {
        var nextYear = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await Gateway.PostAsJsonAsync("/api/eligibility/policies/parameters/gradual-exit-months",
            new { value = 3, effectiveFrom = nextYear, recordedBy = "省民政厅" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("value", out _));
        Assert.False(errors.TryGetProperty("effectiveFrom", out _));
    }

    [Fact]
    public async Task An_uninsured_unemployed_applicant_is_assessed_eligible_and_waits_for_the_grant()
    {
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(TestIds.New("361127"), "361127"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();

        var assessments = await Eventually.GetJsonAsync(Gateway, $"/api/eligibility/applications/{id}/assessments");
        Assert.Equal("eligible", assessments[0].GetProperty("outcome").GetString());
        Assert.Equal("uninsured-unemployed", assessments[0].GetProperty("category").GetString());
        Assert.Contains(assessments[0].GetProperty("trace").EnumerateArray(), s => s.GetProperty("ruleId").GetString() == "R4");

        var application = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{id}"),
            a => a.GetProperty("status").GetString() == "assessed", "the timeline to reach assessed");
        Assert.Equal(JsonValueKind.Null, application.GetProperty("decision").ValueKind);
    }
}

/// <summary>The roster through the gateway: gradual exit (R7) and the monthly run (R11).</summary>
[Collection(PlatformCollection.Name)]
public sealed class RosterTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private async Task<Guid> EnrolledDibaoHouseholdAsync(string spouse)
    {
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(TestIds.New(), "361102", spouse));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        await new ProcedureDriver(platform).ApproveInXinzhouAsync(applicationId);
        var roster = await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster?applicationId={applicationId}");
        var recipient = roster.GetProperty("items")[0];
        Assert.Equal(1201.00m, recipient.GetProperty("monthlyAmount").GetDecimal()); // 2 × 870 − 539
        return recipient.GetProperty("recipientId").GetGuid();
    }

    [Fact]
    public async Task A_member_finding_work_starts_a_gradual_exit_that_cannot_be_cut_short()
    {
        var spouse = TestIds.New();
        var recipientId = await EnrolledDibaoHouseholdAsync(spouse);

        using var reassessed = await Gateway.PostAsJsonAsync($"/api/eligibility/roster/{recipientId}/reassessments", new
        {
            members = new[] { new { idNumber = spouse, monthlyIncome = 3000m, employmentStatus = "employed", workCounty = "361102" } },
            requestedBy = "信州区民政局", reason = "年度复核",
        });
        Assert.Equal(HttpStatusCode.OK, reassessed.StatusCode);
        var result = await reassessed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("gradual-exit", result.GetProperty("status").GetString());
        Assert.Equal(1201.00m, result.GetProperty("monthlyAmount").GetDecimal());
        var until = DateOnly.Parse(result.GetProperty("gradualExitUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(until >= DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6).AddDays(-1));
        Assert.Contains(result.GetProperty("assessment").GetProperty("trace").EnumerateArray(), s => s.GetProperty("ruleId").GetString() == "R7");

        using var exit = await Gateway.PostAsJsonAsync($"/api/eligibility/roster/{recipientId}/exit", new { reason = "收入超标", requestedBy = "某人" });
        Assert.Equal(HttpStatusCode.Conflict, exit.StatusCode);
        Assert.Equal("gradual_exit_in_progress", (await exit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_monthly_run_issued_twice_issues_each_entitlement_once()
    {
        var recipientId = await EnrolledDibaoHouseholdAsync(TestIds.New());
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        using var first = await Gateway.PostAsJsonAsync("/api/eligibility/monthly-runs", new { month });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await Gateway.PostAsJsonAsync("/api/eligibility/monthly-runs", new { month });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyIssued").GetInt32() >= 1);

        // Back pay on approval issued this month already (and the next, when the disclosure ended in it): once each.
        var entitlements = await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster/{recipientId}/entitlements");
        var entitlement = Assert.Single(entitlements.EnumerateArray(), e => e.GetProperty("month").GetString() == month);
        Assert.Equal(month, entitlement.GetProperty("month").GetString());
        Assert.Equal(1201.00m, entitlement.GetProperty("amount").GetDecimal());
        Assert.Equal($"dibao:{recipientId}:{month}", entitlement.GetProperty("reference").GetString());
    }
}

/// <summary>The dashboard's commands.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DashboardCommandTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_monthly_run_command_on_the_dashboard_succeeds()
    {
        var result = await platform.App.ResourceCommands.ExecuteCommandAsync(
            ReliefPlatform.Contracts.ResourceNames.Eligibility, ReliefPlatform.AppHost.PlatformServiceExtensions.MonthlyRunCommand);

        Assert.True(result.Success, result.Message);
    }
}

/// <summary>Orphans and de-facto unsupported children, recorded from the bureau's decision.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ChildEnrolmentTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_orphan_is_enrolled_once_and_an_adult_is_refused()
    {
        var child = TestIds.New("361125", 2015);
        var body = new { category = "orphan", idNumber = child, name = "小明", county = "361125", areaType = "rural", monthlyAmount = 1450.00m, decidedBy = "横峰县民政局", decisionReference = "横民〔2026〕12号" };

        using var created = await platform.Gateway.PostAsJsonAsync("/api/eligibility/roster/children", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var again = await platform.Gateway.PostAsJsonAsync("/api/eligibility/roster/children", body);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var adult = await platform.Gateway.PostAsJsonAsync("/api/eligibility/roster/children", body with { idNumber = TestIds.New("361125", 1990) });
        Assert.Equal(HttpStatusCode.BadRequest, adult.StatusCode);
        Assert.True((await adult.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("idNumber", out _));
    }
}
