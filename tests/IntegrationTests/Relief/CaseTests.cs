using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using ReliefPlatform.Contracts;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Relief;

/// <summary>Temporary assistance through the gateway: intake → eligibility → relief → intake's timeline.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CaseTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private async Task<(Guid ApplicationId, JsonElement Case)> OpenCaseAsync(string person, string? township = null)
    {
        var body = ApplicationRequests.UninsuredUnemployed(person, "361102");
        body["residenceTownship"] = township;
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", body);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        var cases = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "relief to open the case");
        return (applicationId, cases.GetProperty("items")[0]);
    }

    [Fact]
    public async Task An_eligible_application_becomes_a_case_whose_grant_reaches_the_timeline()
    {
        var (applicationId, opened) = await OpenCaseAsync(TestIds.New());
        Assert.Equal("open", opened.GetProperty("status").GetString());
        Assert.Equal("uninsured-unemployed", opened.GetProperty("kind").GetString());
        var caseId = opened.GetProperty("caseId").GetGuid();

        using var granted = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { proposedBy = "信州区救助站" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var grant = await granted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1740.00m, grant.GetProperty("amount").GetDecimal()); // 2 × the example urban standard 870 of 信州区
        Assert.Equal(870.00m, grant.GetProperty("urbanStandard").GetDecimal());
        Assert.Equal(2m, grant.GetProperty("multiplier").GetDecimal());

        var application = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{applicationId}"),
            a => a.GetProperty("status").GetString() == "granted", "the timeline to reach granted");
        Assert.Equal("approved", application.GetProperty("decision").GetString());
        Assert.Contains(application.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("detailZh").GetString()!.Contains("1,740.00", StringComparison.Ordinal)
            || t.GetProperty("detailZh").GetString()!.Contains("1740.00", StringComparison.Ordinal));

        using var again = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { proposedBy = "信州区救助站" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_application_assessed_twice_and_redelivered_in_one_batch_opens_one_case()
    {
        // R4: one case per application, however often it is assessed. Relief takes assessments in batches (issue 22): a second assessment of the same
        // application (a review) and a redelivery of the first, arriving together, open nothing more.
        var person = TestIds.New();
        var applicationId = Guid.NewGuid();
        EligibilityAssessed Assessed() => new(applicationId, Guid.NewGuid(), DateTimeOffset.UtcNow, Scheme.TemporaryAssistance,
            TemporaryAssistanceKind.UninsuredUnemployed, AssessmentOutcome.Eligible, "uninsured-unemployed", null, "符合临时救助条件", "eligible",
            [new RuleTraceStep("R4", "…", "…")], new TemporaryGrantBasis(person, "张三", false, [new PayingCountyOption("361102", 870m)], 1m, 3m, "361102001"));
        var first = NewId.NextGuid();
        var review = NewId.NextGuid();
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(Assessed(), ctx => ctx.MessageId = first);
            await bus.Publish(Assessed(), ctx => ctx.MessageId = review);
            await bus.Publish(Assessed(), ctx => ctx.MessageId = first);
            await platform.WaitUntilHandledAsync(ResourceNames.ReliefDb, first, review);
        }
        finally
        {
            await bus.StopAsync();
        }

        var cases = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}");
        Assert.Equal(1, cases.GetProperty("total").GetInt32());
        var opened = cases.GetProperty("items")[0];
        Assert.Equal("open", opened.GetProperty("status").GetString());
        Assert.Equal("361102001", opened.GetProperty("township").GetString());
    }

    [Fact]
    public async Task A_case_granted_twice_at_once_is_granted_once_and_the_other_gets_409()
    {
        // Grants to one person wait for each other (R20); the case is read after the wait, so the second sees the first's
        // grant and answers 409, not a lost race on the row (issue 22: locked first, read once).
        var (_, opened) = await OpenCaseAsync(TestIds.New());
        var caseId = opened.GetProperty("caseId").GetGuid();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await Gateway.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { });
            return (response.StatusCode, Code: response.StatusCode == HttpStatusCode.OK ? null : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.Conflict, "case_not_open"), (a.StatusCode, a.Code)));
    }

    [Fact]
    public async Task Open_cases_listed_as_a_work_queue_come_oldest_first_and_an_unknown_order_is_refused_naming_the_field()
    {
        var (_, first) = await OpenCaseAsync(TestIds.New());
        var (_, second) = await OpenCaseAsync(TestIds.New());
        static List<(Guid Id, DateTimeOffset OpenedAt)> Items(JsonElement list) =>
            [.. list.GetProperty("items").EnumerateArray().Select(c => (c.GetProperty("caseId").GetGuid(), c.GetProperty("openedAt").GetDateTimeOffset()))];

        var queue = Items(await Gateway.GetFromJsonAsync<JsonElement>("/api/relief/cases?status=open&county=361102&order=oldest&pageSize=100"));
        Assert.Equal(queue.OrderBy(c => c.OpenedAt).Select(c => c.Id), queue.Select(c => c.Id));
        var newest = Items(await Gateway.GetFromJsonAsync<JsonElement>("/api/relief/cases?status=open&county=361102&pageSize=100"));
        Assert.Equal(newest.OrderByDescending(c => c.OpenedAt).Select(c => c.Id), newest.Select(c => c.Id));
        var ids = newest.Select(c => c.Id).ToList();
        Assert.True(ids.IndexOf(second.GetProperty("caseId").GetGuid()) < ids.IndexOf(first.GetProperty("caseId").GetGuid()));

        using var unknown = await Gateway.GetAsync("/api/relief/cases?status=open&order=sideways");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("order", out _));
    }

    [Fact]
    public async Task A_case_by_case_amount_needs_a_reason_and_another_approver()
    {
        var (_, opened) = await OpenCaseAsync(TestIds.New(), "361102001"); // 水南街道, the caseworker's township
        var caseId = opened.GetProperty("caseId").GetGuid();

        using var caseworker = await platform.ClientForPersonAsync(DevelopmentPeople.Caseworker);
        using var townshipApprover = await platform.ClientForPersonAsync(DevelopmentPeople.TownshipApprover);
        using var countyApprover = await platform.ClientForPersonAsync(DevelopmentPeople.Approver);

        // Nobody decides a case-by-case amount alone: not in one step, and not by approving their own proposal.
        using var alone = await caseworker.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { amount = 6000m, reason = "重大疾病" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, alone.StatusCode);
        Assert.Equal("case_by_case_approver_missing", (await alone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var noReason = await caseworker.PostAsJsonAsync($"/api/relief/cases/{caseId}/proposal", new { amount = 6000m });
        Assert.Equal("case_by_case_reason_missing", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using (var proposed = await caseworker.PostAsJsonAsync($"/api/relief/cases/{caseId}/proposal", new { amount = 6000m, reason = "重大疾病，一事一议", proposedBy = "冒名" }))
        {
            Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
            Assert.Equal("李经办（开发）", (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("proposedBy").GetString()); // from the token, not the body
        }

        using var own = await caseworker.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { approvedBy = "县协调机制李主任" });
        Assert.Equal("case_by_case_approver_missing", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var township = await townshipApprover.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { });
        Assert.Equal("case_by_case_at_county", (await township.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var approved = await countyApprover.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var grant = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(grant.GetProperty("caseByCase").GetBoolean());
        Assert.Equal(6000.00m, grant.GetProperty("amount").GetDecimal());
        Assert.Equal("李经办（开发）", grant.GetProperty("proposedBy").GetString());
        Assert.Equal("陈审批（开发）", grant.GetProperty("approvedBy").GetString());
        Assert.Equal("county", grant.GetProperty("grantedAt").GetString());
    }

    [Fact]
    public async Task A_second_grant_for_the_same_incident_kind_gets_409_with_the_first_case()
    {
        var person = TestIds.New();
        var (firstApplication, first) = await OpenCaseAsync(person);
        var firstCase = first.GetProperty("caseId").GetGuid();
        using (var granted = await Gateway.PostAsJsonAsync($"/api/relief/cases/{firstCase}/grant", new { proposedBy = "信州区救助站" }))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        // The first payment settles (payments is not built yet: its event stands in), which closes the application.
        var bus = await platform.StartTestBusAsync();
        try
        {
            await bus.Publish(new PaymentsSettled(DateTimeOffset.UtcNow,
                [new PaymentSettled(Guid.NewGuid(), $"temporary-assistance:{firstCase}:1", firstApplication, "361102", 1740m, DateTimeOffset.UtcNow, "", "", "temporary-assistance")]));
        }
        finally
        {
            await bus.StopAsync();
        }

        await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{firstApplication}"),
            a => a.GetProperty("status").GetString() == "closed", "the first application to close");

        var (_, second) = await OpenCaseAsync(person);
        using var refused = await Gateway.PostAsJsonAsync($"/api/relief/cases/{second.GetProperty("caseId").GetGuid()}/grant", new { proposedBy = "玉山县救助站" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("already_granted_for_incident", problem.GetProperty("code").GetString());
        Assert.Equal(firstCase, problem.GetProperty("existingCaseId").GetGuid());
    }

    [Fact]
    public async Task A_community_grants_directly_only_in_a_risk_area()
    {
        // The coordinator of 上滩头社区 (信州区): the level is their unit, whatever the body says.
        using var community = await platform.ClientForPersonAsync(DevelopmentPeople.Coordinator);
        var (_, general) = await OpenCaseAsync(TestIds.New(), "361102001");
        using var refused = await community.PostAsJsonAsync($"/api/relief/cases/{general.GetProperty("caseId").GetGuid()}/grant", new { grantingLevel = "county" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("direct_grant_not_allowed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var body = ApplicationRequests.UninsuredUnemployed(TestIds.New(), "361102");
        body["temporaryAssistanceKind"] = "risk-area";
        body["circumstances"] = new { monthsWithoutIncome = 0, inRiskArea = true, urgent = true };
        body["residenceTownship"] = "361102001";
        using var submitted = await Gateway.PostAsJsonAsync("/api/intake/applications", body);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
        var cases = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "the risk-area case");
        using var granted = await community.PostAsJsonAsync($"/api/relief/cases/{cases.GetProperty("items")[0].GetProperty("caseId").GetGuid()}/grant", new { });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("community", (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("grantedAt").GetString());
    }
}
