using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>
/// Scope from county to unit (issue 16): a township's caseworker (水南街道 361102001) submits, sees and
/// decides only their township's applications and cases; the county's people and systems see them all.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TownshipScopeTests(PlatformFixture platform)
{
    private const string Shuinan = "361102001";
    private const string Dongshi = "361102002"; // 东市街道, another township of 信州区

    private static Dictionary<string, object?> Application(string? township)
    {
        var body = ApplicationRequests.UninsuredUnemployed(TestIds.New(), "361102");
        body["residenceTownship"] = township;
        return body;
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task A_township_caseworker_submits_for_their_township_only()
    {
        using var caseworker = await platform.ClientForPersonAsync(DevelopmentPeople.Caseworker);

        using var unnamed = await caseworker.PostAsJsonAsync("/api/intake/applications", Application(null));
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.True((await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("residenceTownship", out _));

        using var other = await caseworker.PostAsJsonAsync("/api/intake/applications", Application(Dongshi));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("township_not_permitted", await CodeOf(other));

        using var outside = await platform.Gateway.PostAsJsonAsync("/api/intake/applications", Application("361103001")); // a township of 广丰区
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);

        using var own = await caseworker.PostAsJsonAsync("/api/intake/applications", Application(Shuinan));
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    [Fact]
    public async Task A_township_caseworker_sees_their_townships_applications_and_cases_and_not_the_others()
    {
        using var caseworker = await platform.ClientForPersonAsync(DevelopmentPeople.Caseworker);
        using var ownSubmitted = await platform.Gateway.PostAsJsonAsync("/api/intake/applications", Application(Shuinan));
        var ownId = (await ownSubmitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        using var otherSubmitted = await platform.Gateway.PostAsJsonAsync("/api/intake/applications", Application(Dongshi));
        var otherId = (await otherSubmitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();

        using (var own = await caseworker.GetAsync($"/api/intake/applications/{ownId}"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(Shuinan, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("residenceTownship").GetString());
        }

        using (var other = await caseworker.GetAsync($"/api/intake/applications/{otherId}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }

        var listed = (await caseworker.GetFromJsonAsync<JsonElement>("/api/intake/applications?county=361102&pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("applicationId").GetGuid()).ToList();
        Assert.Contains(ownId, listed);
        Assert.DoesNotContain(otherId, listed);

        // The cases relief opens carry the township; the caseworker reaches only their own.
        async Task<Guid> CaseOf(Guid applicationId) => (await Eventually.ReturnsAsync(
            async () => await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "the case")).GetProperty("items")[0].GetProperty("caseId").GetGuid();
        var ownCase = await CaseOf(ownId);
        var otherCase = await CaseOf(otherId);
        using (var own = await caseworker.GetAsync($"/api/relief/cases/{ownCase}"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(Shuinan, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("township").GetString());
        }

        using (var other = await caseworker.PostAsJsonAsync($"/api/relief/cases/{otherCase}/proposal", new { multiplier = 2 }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Equal("township_not_permitted", await CodeOf(other));
        }

        var cases = (await caseworker.GetFromJsonAsync<JsonElement>("/api/relief/cases?county=361102&pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("caseId").GetGuid()).ToList();
        Assert.Contains(ownCase, cases);
        Assert.DoesNotContain(otherCase, cases);

        // The county's approver sees both.
        using var approver = await platform.ClientForPersonAsync(DevelopmentPeople.Approver);
        using var countyView = await approver.GetAsync($"/api/relief/cases/{otherCase}");
        Assert.Equal(HttpStatusCode.OK, countyView.StatusCode);
    }
}
