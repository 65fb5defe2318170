using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Intake;

/// <summary>
/// Lost updates (issue 14): under plain load, applications ended "notified" although their timeline
/// said paid and closed, because intake's consumers read-modify-wrote the application row with no
/// concurrency token and the last writer won. Hundreds of applications driven to payment at once must
/// each end closed, with the status of the furthest step of their timeline.
/// </summary>
[Collection(PlatformCollection.Name)]
public class ConcurrentPipelineTests(PlatformFixture platform)
{
    private const int Applications = 200;
    private const string County = "361104";
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task Hundreds_of_applications_driven_to_payment_at_once_all_end_closed()
    {
        using (var fund = await Gateway.PostAsJsonAsync("/api/payments/funds", new { level = "provincial", name = "并发测试资金", purposes = new[] { "temporary-assistance" } }))
        {
            var fundId = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
            using var allocated = await Gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations",
                new { county = County, amount = 10_000_000m, weighting = "并发测试", allocatedBy = "省财政厅" });
            Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        }

        using var throttle = new SemaphoreSlim(16);
        var ids = await Task.WhenAll(Enumerable.Range(0, Applications).Select(async _ =>
        {
            await throttle.WaitAsync();
            try
            {
                return await SubmitAndGrantAsync();
            }
            finally
            {
                throttle.Release();
            }
        }));

        // Wait until both writers of the last step have committed for every application: the settlement
        // (paid, closed) and the notice that the money arrived. Then each must be closed.
        var applications = await Eventually.ReturnsAsync(async () =>
            {
                var all = new List<JsonElement>();
                foreach (var id in ids)
                {
                    all.Add(await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{id}"));
                }

                return all;
            },
            all => all!.All(a => Stages(a).Contains("paid") && a.GetProperty("timeline").EnumerateArray().Any(IsPaymentNotice)),
            "every application to be paid and its applicant told", TimeSpan.FromMinutes(4));

        Assert.All(applications, application => Assert.True(application.GetProperty("status").GetString() == "closed",
            $"application {application.GetProperty("applicationId")} is {application.GetProperty("status")} although its timeline reached {string.Join(", ", Stages(application))}"));
    }

    private static List<string?> Stages(JsonElement application) =>
        [.. application.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("stage").GetString())];

    private static bool IsPaymentNotice(JsonElement entry) =>
        entry.GetProperty("stage").GetString() == "notified"
        && entry.GetProperty("detailEn").GetString()!.Contains(ReliefPlatform.Contracts.Notifications.NotificationEventTypes.PaymentSettled, StringComparison.Ordinal);

    private async Task<Guid> SubmitAndGrantAsync()
    {
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(TestIds.New(County), County));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        var cases = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "the case", TimeSpan.FromMinutes(2));
        var caseId = cases.GetProperty("items")[0].GetProperty("caseId").GetGuid();
        using var granted = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { proposedBy = "救助站" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        return applicationId;
    }
}
