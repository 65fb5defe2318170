using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Intake;

/// <summary>Proactive discovery (R1), the 12345 hotline and QR codes (R3).</summary>
[Collection(PlatformCollection.Name)]
public sealed class LeadAndHotlineTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private static object Lead(DateTimeOffset foundAt, string? idNumber = null) => new
    {
        county = "361123",
        reporterName = "王五",
        reporterRole = "grid-worker",
        method = "home-visit",
        priorityGroup = "left-behind-child",
        personName = "赵六",
        personIdNumber = idNumber,
        personPhone = "13900002222",
        description = "父母外出务工，与祖母同住，无稳定收入",
        foundAt,
    };

    [Fact]
    public async Task A_lead_not_followed_up_by_its_deadline_goes_overdue_once()
    {
        using var response = await Gateway.PostAsJsonAsync("/api/intake/leads", Lead(DateTimeOffset.UtcNow.AddDays(-30), TestIds.New("361123", 2015)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var leadId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetGuid();

        var lead = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/leads/{leadId}"),
            l => l.GetProperty("overdueAt").ValueKind != JsonValueKind.Null,
            "the scanner to mark the lead overdue");
        Assert.True(lead.GetProperty("overdue").GetBoolean());

        var overdue = await Gateway.GetFromJsonAsync<JsonElement>("/api/intake/leads?status=overdue&county=361123&pageSize=100");
        var listed = overdue.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("leadId").GetGuid() == leadId);
        Assert.Equal("139****2222", listed.GetProperty("personPhone").GetString());
        Assert.Equal("赵*", listed.GetProperty("personName").GetString());

        // Closing it with a reason ends the follow-up.
        using var close = await Gateway.PostAsJsonAsync($"/api/intake/leads/{leadId}/close", new { reason = "已纳入低保", closedBy = "王五" });
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        using var again = await Gateway.PostAsJsonAsync($"/api/intake/leads/{leadId}/close", new { reason = "重复", closedBy = "王五" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_hardship_warning_from_monitoring_becomes_one_lead_even_if_delivered_twice()
    {
        var warning = new ReliefPlatform.Contracts.Eligibility.HardshipWarningRaised(
            Guid.NewGuid(), TestIds.New("361128"), "钱八", "361128", "medical-insurance", "本月自付医疗费用 5.2 万元", "out-of-pocket medical bills of CNY 52,000 this month",
            ReliefPlatform.Contracts.Intake.PriorityGroup.JustShortOfDibao, DateTimeOffset.UtcNow);
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(warning);
            await bus.Publish(warning);
        }
        finally
        {
            await bus.StopAsync();
        }

        var leads = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>("/api/intake/leads?status=open&county=361128&pageSize=100"),
            l => l.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("sourceWarningId").GetString() == warning.WarningId.ToString()),
            "the warning to become a lead");
        var lead = Assert.Single(leads.GetProperty("items").EnumerateArray(), i => i.GetProperty("sourceWarningId").GetString() == warning.WarningId.ToString());
        Assert.Equal("monitoring", lead.GetProperty("reporterRole").GetString());
        Assert.Equal(PersonalDataMask(warning.IdNumber), lead.GetProperty("personIdNumber").GetString());
    }

    private static string PersonalDataMask(string id) => ReliefPlatform.Contracts.Shared.PersonalData.MaskIdNumber(id);

    [Fact]
    public async Task An_application_that_follows_a_lead_converts_it()
    {
        using var raised = await Gateway.PostAsJsonAsync("/api/intake/leads", Lead(DateTimeOffset.UtcNow));
        var leadId = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetGuid();

        var body = ApplicationRequests.Dibao(TestIds.New("361123"), "361123");
        body["channel"] = "outreach";
        body["leadId"] = leadId;
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", body);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();

        var lead = await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/leads/{leadId}");
        Assert.Equal("converted", lead.GetProperty("status").GetString());
        Assert.Equal(applicationId, lead.GetProperty("applicationId").GetGuid());
    }

    [Fact]
    public async Task A_lead_with_bad_fields_is_refused_naming_them()
    {
        using var response = await Gateway.PostAsJsonAsync("/api/intake/leads", new { county = "361123", reporterRole = "mayor", method = "telepathy" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "reporterName", "reporterRole", "method", "priorityGroup", "personName", "description" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}");
        }
    }

    [Fact]
    public async Task Hotline_calls_report_their_time_to_first_answer()
    {
        var county = "361130";
        var received = DateTimeOffset.UtcNow.AddMinutes(-30);
        foreach (var seconds in new[] { 60, 120, 600 })
        {
            using var response = await Gateway.PostAsJsonAsync("/api/intake/hotline-tickets", new
            {
                county, callerName = "孙七", callerPhone = "13900001111", question = "如何申请临时救助", takenBy = "坐席01",
                receivedAt = received, firstAnsweredAt = received.AddSeconds(seconds), outcome = "answered",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var stats = await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/hotline-tickets/stats?county={county}&from={Uri.EscapeDataString(received.AddMinutes(-1).ToString("O"))}");
        Assert.Equal(3, stats.GetProperty("tickets").GetInt32());
        Assert.Equal(260, stats.GetProperty("averageSecondsToFirstAnswer").GetDouble());
        Assert.Equal(120, stats.GetProperty("medianSecondsToFirstAnswer").GetDouble());

        var list = await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/hotline-tickets?county={county}");
        Assert.All(list.GetProperty("items").EnumerateArray(), t =>
        {
            Assert.Equal("139****1111", t.GetProperty("callerPhone").GetString());
            Assert.Equal("孙*", t.GetProperty("callerName").GetString());
        });
    }

    [Fact]
    public async Task A_county_qr_code_is_a_png_and_an_unknown_county_a_404()
    {
        using var png = await Gateway.GetAsync("/api/intake/qr-codes/361102");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);

        using var unknown = await Gateway.GetAsync("/api/intake/qr-codes/110101");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
