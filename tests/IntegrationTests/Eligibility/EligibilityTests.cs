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
        var effective = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1 + Random.Shared.Next(0, 50))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
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
        Assert.Contains(inForce.EnumerateArray(), s => s.GetProperty("monthlyAmount").GetDecimal() == 700.00m && s.GetProperty("recordedBy").GetString() == "铅山县民政局");
    }

    [Fact]
    public async Task The_gradual_exit_period_cannot_be_set_below_six_months()
    {
        using var response = await Gateway.PostAsJsonAsync("/api/eligibility/policies/parameters/gradual-exit-months",
            new { value = 3, effectiveFrom = "2099-01-01", recordedBy = "省民政厅" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
