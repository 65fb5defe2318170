using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Intake;

/// <summary>
/// Places as data at the door: a household registration (hukou) anywhere in China is accepted (R4, R8:
/// no hukou restriction; the residence county pays), a region code that exists in no revision is a
/// field error, and a residence outside the province is told so.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PlacesTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_migrant_worker_with_a_hukou_outside_jiangxi_gets_temporary_assistance_paid_by_the_residence_county()
    {
        // 杭州市上城区 (Zhejiang): hukou and identity number from there, living and out of work in 信州区.
        var applicant = TestIds.New("330102");
        var body = ApplicationRequests.UninsuredUnemployed(applicant, "361102");
        body["hukouCounty"] = "330102";

        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", body);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();

        var cases = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "relief to open the case");
        var paying = Assert.Single(cases.GetProperty("items")[0].GetProperty("payingCounties").EnumerateArray());
        Assert.Equal("361102", paying.GetProperty("county").GetString());
    }

    [Fact]
    public async Task An_identity_number_issued_under_a_retired_code_is_still_accepted()
    {
        // 362321 上饶县 of 上饶地区: retired in 2000, still in the numbers of everybody registered there before.
        var applicant = TestIds.New("362321", birthYear: 1970);
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(applicant, "361104"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
    }

    [Theory]
    [InlineData("applicant.idNumber", "361199")]   // a region code no revision ever had
    [InlineData("hukouCounty", "999999")]
    [InlineData("hukouCounty", "362321")]          // retired: a hukou is registered under a code in force
    [InlineData("residenceCounty", "330102")]      // in force, but outside the province this platform serves
    public async Task A_place_code_that_is_not_one_is_a_field_error_and_nothing_is_stored(string field, string code)
    {
        var applicant = field == "applicant.idNumber" ? TestIds.New(code) : TestIds.New();
        var body = ApplicationRequests.UninsuredUnemployed(applicant, "361102");
        if (field != "applicant.idNumber")
        {
            body[field] = code;
        }

        var before = await CountAsync();
        using var response = await Gateway.PostAsJsonAsync("/api/intake/applications", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync() =>
        (await Gateway.GetFromJsonAsync<JsonElement>("/api/intake/applications?county=361102&pageSize=1")).GetProperty("total").GetInt32();
}
