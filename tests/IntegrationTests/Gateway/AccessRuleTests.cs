using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>
/// Scope everywhere (issue 14): a client limited to 361102 read or changed 361123's leads, tickets,
/// assessments, roster, warnings, reserve funds, allocations, batches, delivery log and the sandbox SMS
/// box, and a frontend holding only intake.read read the whole roster. Every operation the gateway
/// publishes must declare its scopes and its county rule, and each client kind is held to them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AccessRuleTests(PlatformFixture platform)
{
    private const string Mine = "361102";
    private const string Theirs = "361123";

    private static readonly HashSet<string> CountyRules = ["resource", "body", "list", "province", "public"];

    private static HttpRequestMessage Request(ApiOperation operation, string? path = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path ?? operation.Path());
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    [Fact]
    public async Task Every_operation_declares_its_scopes_and_its_county_rule()
    {
        var operations = await ApiOperations();

        Assert.True(operations.Count > 50, $"only {operations.Count} operations found");
        var undeclared = operations.Where(o => o.Scopes.Count == 0 || o.CountyRule is null || !CountyRules.Contains(o.CountyRule)).ToList();
        Assert.True(undeclared.Count == 0, "operations without a declared access rule: " + string.Join("; ", undeclared));
    }

    [Fact]
    public async Task Without_a_token_every_operation_answers_401()
    {
        using var anonymous = platform.AnonymousGateway();
        foreach (var operation in await ApiOperations())
        {
            using var response = await anonymous.SendAsync(Request(operation));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation} answered {(int)response.StatusCode} without a token");
        }
    }

    [Fact]
    public async Task The_frontend_client_is_refused_every_operation_outside_its_scopes()
    {
        using var frontend = platform.ClientFor(DevelopmentClients.Frontend);
        HashSet<string> held = [Scopes.IntakeRead, Scopes.NotificationsRead];
        var outside = (await ApiOperations()).Where(o => !o.Scopes.Any(held.Contains)).ToList();
        Assert.Contains(outside, o => o.PathTemplate == "/api/eligibility/roster");
        foreach (var operation in outside)
        {
            using var response = await frontend.SendAsync(Request(operation));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{operation} answered {(int)response.StatusCode} to the frontend");
        }
    }

    [Fact]
    public async Task A_county_client_is_refused_every_province_wide_operation()
    {
        using var county = platform.ClientFor(DevelopmentClients.Xinzhou);
        foreach (var operation in (await ApiOperations()).Where(o => o.CountyRule == "province"))
        {
            using var response = await county.SendAsync(Request(operation));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{operation} answered {(int)response.StatusCode} to a county client");
        }
    }

    [Fact]
    public async Task A_county_client_asking_a_list_for_another_county_gets_403_and_unfiltered_lists_hold_only_its_counties()
    {
        await SeedTheirsAsync();
        using var county = platform.ClientFor(DevelopmentClients.Xinzhou);
        var lists = (await ApiOperations()).Where(o => o.Method == "GET" && o.CountyRule == "list" && !o.PathTemplate.Contains('{', StringComparison.Ordinal)).ToList();
        Assert.True(lists.Count >= 10, $"only {lists.Count} lists");
        foreach (var operation in lists)
        {
            var takesCounty = operation.QueryParameters.Any(p => p.GetProperty("name").GetString() == "county");
            if (takesCounty)
            {
                using var other = await county.GetAsync($"{operation.PathTemplate}?county={Theirs}");
                Assert.True(other.StatusCode == HttpStatusCode.Forbidden, $"{operation}?county={Theirs} answered {(int)other.StatusCode}");
            }

            var query = operation.QueryParameters.Any(p => p.GetProperty("name").GetString() == "idNumber") ? $"?idNumber={_theirPerson}" : "";
            using var own = await county.GetAsync(operation.PathTemplate + query);
            Assert.True(own.IsSuccessStatusCode || own.StatusCode == HttpStatusCode.Forbidden, $"{operation} answered {(int)own.StatusCode}");
            if (own.IsSuccessStatusCode)
            {
                AssertOnlyMine(await own.Content.ReadFromJsonAsync<JsonElement>(), operation.ToString());
            }
        }
    }

    [Fact]
    public async Task Another_countys_lead_reserve_fund_ledger_and_delivery_are_refused_and_its_fund_never_pays_my_case()
    {
        var seeded = await SeedTheirsAsync();
        using var county = platform.ClientFor(DevelopmentClients.Xinzhou);

        foreach (var path in new[] { $"/api/intake/leads/{seeded.LeadId}", $"/api/relief/reserve-funds/{seeded.FundId}/ledger" })
        {
            using var read = await county.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            Assert.DoesNotContain(_theirPerson, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var close = await county.PostAsJsonAsync($"/api/intake/leads/{seeded.LeadId}/close", new { reason = "越权关闭", closedBy = "信州" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, close.StatusCode);
        }

        using (var replenish = await county.PostAsJsonAsync($"/api/relief/reserve-funds/{seeded.FundId}/replenishments", new { amount = 1m, recordedBy = "信州" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, replenish.StatusCode);
        }

        using (var ticket = await county.PostAsJsonAsync("/api/intake/hotline-tickets", new { county = Theirs, callerName = "王五", question = "咨询", takenBy = "话务员" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, ticket.StatusCode);
        }

        var deliveries = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/deliveries?county={Theirs}&pageSize=1");
        if (deliveries.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } delivery)
        {
            using var read = await county.GetAsync($"/api/notifications/deliveries/{delivery.GetProperty("deliveryId").GetGuid()}");
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        // R8: an urgent case of 361102 cannot draw on 361123's reserve fund, even for a client of both.
        var caseId = await UrgentCaseAsync(Mine);
        using var assist = await platform.Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/assist-first", new { fundId = seeded.FundId, amount = 100m, paidBy = "社工" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, assist.StatusCode);
        Assert.Contains("reserve_fund_of_other_area", await assist.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ledger = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/reserve-funds/{seeded.FundId}/ledger");
        Assert.DoesNotContain(ledger.EnumerateArray(), e => e.GetProperty("kind").GetString() == "assist-first-payment");
    }

    private IReadOnlyList<ApiOperation>? _operations;
    private string _theirPerson = TestIds.New(Theirs);

    private async Task<IReadOnlyList<ApiOperation>> ApiOperations() => _operations ??= await ApiOperation.LoadAsync(platform);

    private sealed record Seeded(Guid LeadId, Guid FundId);

    /// <summary>Another county's lead, hotline ticket, application (and so assessment, case, inbox message) and reserve fund.</summary>
    private async Task<Seeded> SeedTheirsAsync()
    {
        var gateway = platform.Gateway;
        using var lead = await gateway.PostAsJsonAsync("/api/intake/leads", new
        {
            county = Theirs, reporterName = "王五", reporterRole = "grid-worker", method = "home-visit", priorityGroup = "left-behind-child",
            personName = "赵六", personIdNumber = _theirPerson, personPhone = "13900002222", description = "独居老人，无收入",
        });
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        using var ticket = await gateway.PostAsJsonAsync("/api/intake/hotline-tickets", new { county = Theirs, callerName = "赵六", question = "如何申请", takenBy = "话务员" });
        Assert.Equal(HttpStatusCode.Created, ticket.StatusCode);
        using var application = await gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(_theirPerson, Theirs));
        Assert.True(application.IsSuccessStatusCode || application.StatusCode == HttpStatusCode.Conflict, $"application: {(int)application.StatusCode}");
        using var fund = await gateway.PostAsJsonAsync("/api/relief/reserve-funds",
            new { county = Theirs, township = $"镇{Guid.NewGuid():N}"[..12], paymentCap = 1000m, createdBy = "玉山县民政局" });
        Assert.Equal(HttpStatusCode.Created, fund.StatusCode);
        var fundId = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
        using var replenished = await gateway.PostAsJsonAsync($"/api/relief/reserve-funds/{fundId}/replenishments", new { amount = 5000m, recordedBy = "玉山县财政局" });
        Assert.Equal(HttpStatusCode.OK, replenished.StatusCode);
        return new Seeded((await lead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetGuid(), fundId);
    }

    private async Task<Guid> UrgentCaseAsync(string county)
    {
        using var submitted = await platform.Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(TestIds.New(county), county));
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        var cases = await Eventually.ReturnsAsync(async () => await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "the case");
        return cases.GetProperty("items")[0].GetProperty("caseId").GetGuid();
    }

    /// <summary>Every object in the answer that names a county names one of the caller's (an application: its residence or hukou county).</summary>
    private static void AssertOnlyMine(JsonElement element, string what)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertOnlyMine(item, what);
                }

                break;
            case JsonValueKind.Object:
                if (element.TryGetProperty("residenceCounty", out var residence) && element.TryGetProperty("hukouCounty", out var hukou))
                {
                    Assert.True(residence.GetString() == Mine || hukou.GetString() == Mine, $"{what} lists {residence}/{hukou}");
                }
                else if (element.TryGetProperty("county", out var county) && county.ValueKind == JsonValueKind.String)
                {
                    Assert.True(county.GetString() == Mine, $"{what} lists a row of {county}");
                }

                foreach (var property in element.EnumerateObject())
                {
                    AssertOnlyMine(property.Value, what);
                }

                break;
        }
    }
}
