using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Eligibility;

/// <summary>Dynamic monitoring (R2): department feeds become warnings, and warnings become intake leads (R1).</summary>
[Collection(PlatformCollection.Name)]
public sealed class MonitoringTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private async Task EnrolAsync(string person, decimal wage)
    {
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(person, wage, "361102"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        await new ProcedureDriver(platform).ApproveInXinzhouAsync(id);
        await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster?applicationId={id}"),
            r => r.GetProperty("total").GetInt32() == 1, "the enrolment");
    }

    private async Task<JsonElement> LeadForAsync(string person, string county) =>
        await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/leads?status=open&county={county}&pageSize=100"),
            leads => leads.GetProperty("items").EnumerateArray().Any(l => l.GetProperty("personIdNumber").GetString() == PersonalData.MaskIdNumber(person)
                && l.GetProperty("reporterRole").GetString() == "monitoring"),
            "the warning to become an intake lead");

    [Fact]
    public async Task A_near_dibao_member_losing_a_job_raises_a_warning_that_becomes_a_lead()
    {
        // 1,400 of wages: 1,139 counted, above 870 but below 1.5 × 870: a near-dibao household.
        var person = TestIds.New();
        await EnrolAsync(person, 1400m);

        using var feed = await Gateway.PostAsJsonAsync("/api/eligibility/feeds/hrss", new
        {
            records = new object[]
            {
                new { idNumber = person, name = "张三", signal = "job-lost" },
                new { idNumber = TestIds.New(), name = "路人", signal = "job-lost" }, // not on the roster: no warning
            },
        });
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var result = await feed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("records").GetInt32());
        Assert.Equal(1, result.GetProperty("warnings").GetInt32());

        var lead = (await LeadForAsync(person, "361102")).GetProperty("items").EnumerateArray()
            .First(l => l.GetProperty("personIdNumber").GetString() == PersonalData.MaskIdNumber(person));
        Assert.Equal("near-dibao", lead.GetProperty("priorityGroup").GetString());
    }

    [Fact]
    public async Task A_csv_drop_of_medical_costs_above_the_threshold_raises_a_warning_for_anyone()
    {
        var person = TestIds.New("361126");
        var csv = $"idNumber,name,county,signal,amount\n{person},钱八,361126,out-of-pocket,25000.00\n{TestIds.New()},孙九,361126,out-of-pocket,300.00\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var feed = await Gateway.PostAsync("/api/eligibility/feeds/medical-insurance", content);

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(1, (await feed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").GetInt32());
        await LeadForAsync(person, "361126");
    }

    [Fact]
    public async Task A_dibao_member_with_a_new_income_above_the_standard_is_flagged_for_review_not_led()
    {
        var person = TestIds.New();
        await EnrolAsync(person, 800m);

        using var feed = await Gateway.PostAsJsonAsync("/api/eligibility/feeds/hrss", new { records = new[] { new { idNumber = person, signal = "new-income", amount = 3000m } } });
        var result = await feed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("reviewFlags").GetInt32());
        Assert.Equal(0, result.GetProperty("warnings").GetInt32());

        var flags = await Gateway.GetFromJsonAsync<JsonElement>("/api/eligibility/monitoring/warnings?kind=review&rule=dibao-new-income&pageSize=100");
        Assert.Contains(flags.GetProperty("items").EnumerateArray(), f => f.GetProperty("idNumber").GetString() == PersonalData.MaskIdNumber(person));
    }

    [Fact]
    public async Task A_batch_with_invalid_records_is_refused_whole_naming_them()
    {
        using var feed = await Gateway.PostAsJsonAsync("/api/eligibility/feeds/hrss", new
        {
            records = new object[]
            {
                new { idNumber = TestIds.New(), signal = "job-lost" },
                new { idNumber = "123", signal = "job-lost" },
                new { idNumber = TestIds.New(), signal = "out-of-pocket", amount = 1m },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, feed.StatusCode);
        var errors = (await feed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("records[1].idNumber", out _));
        Assert.True(errors.TryGetProperty("records[2].signal", out _));

        using var unknown = await Gateway.PostAsJsonAsync("/api/eligibility/feeds/police", new { records = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
