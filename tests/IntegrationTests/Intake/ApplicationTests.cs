using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Notifications;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Intake;

/// <summary>Applications through the gateway (R3, R20).</summary>
[Collection(PlatformCollection.Name)]
public sealed class ApplicationTests(PlatformFixture platform)
{
    private const string Path = "/api/intake/applications";
    private HttpClient Gateway => platform.Gateway;

    private async Task<Guid> SubmitAsync(object body, string? idempotencyKey = null)
    {
        using var response = await PostAsync(body, idempotencyKey);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("applicationId").GetGuid();
        Assert.Equal($"{Path}/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    private async Task<HttpResponseMessage> PostAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Gateway.SendAsync(request);
    }

    private async Task<JsonElement> GetAsync(Guid id) => await Gateway.GetFromJsonAsync<JsonElement>($"{Path}/{id}");

    private async Task<int> CountForApplicantAsync(string county) =>
        (await Gateway.GetFromJsonAsync<JsonElement>($"{Path}?county={county}&pageSize=100")).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_valid_application_is_accepted_with_its_timeline_and_masked_in_lists()
    {
        var applicant = TestIds.New();
        var id = await SubmitAsync(ApplicationRequests.Dibao(applicant, "361102", TestIds.New()));

        var application = await GetAsync(id);
        Assert.Equal(applicant, application.GetProperty("applicant").GetProperty("idNumber").GetString());
        Assert.Equal(2, application.GetProperty("members").GetArrayLength());
        Assert.Equal("submitted", application.GetProperty("timeline")[0].GetProperty("stage").GetString());

        var list = await Gateway.GetFromJsonAsync<JsonElement>($"{Path}?county=361102&scheme=dibao&channel=walk-in&pageSize=100");
        var listed = list.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("applicationId").GetGuid() == id);
        Assert.Equal(PersonalData.MaskIdNumber(applicant), listed.GetProperty("applicantIdNumber").GetString());
        Assert.Equal("138****5678", listed.GetProperty("applicantPhone").GetString());
        Assert.Equal("张*", listed.GetProperty("applicantName").GetString());
        Assert.DoesNotContain(applicant, list.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eligibility_assesses_the_application_and_its_timeline_reaches_assessed_and_decided()
    {
        // One member earning 800 in 信州区 (example urban standard 870): 30 % × 870 = 261 deducted, 539 counted, 331 a month.
        var id = await SubmitAsync(ApplicationRequests.Dibao(TestIds.New()));
        await new ProcedureDriver(platform).ApproveInXinzhouAsync(id);

        var closed = await Eventually.ReturnsAsync(async () => await GetAsync(id), a => a.GetProperty("status").GetString() == "closed", "the approver's decision to close the application");
        Assert.Equal("approved", closed.GetProperty("decision").GetString());
        // The procedure's steps and the applicant's notices are on the timeline too, without moving its status back.
        Assert.Equal(["submitted", "assessed", "decided", "closed"], Stages(closed).Where(s => s != "notified").Distinct());
        Assert.Contains(closed.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("stage").GetString() == "assessed"
            && e.GetProperty("detailZh").GetString()!.Contains("331.00", StringComparison.Ordinal));

        var assessments = await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/applications/{id}/assessments");
        var assessment = assessments[0];
        Assert.Equal("eligible", assessment.GetProperty("outcome").GetString());
        Assert.Equal(331.00m, assessment.GetProperty("monthlyAmount").GetDecimal());
        Assert.Equal(870.00m, assessment.GetProperty("standard").GetDecimal());
        Assert.Equal(539.00m, assessment.GetProperty("countedIncome").GetDecimal());
        Assert.Contains(assessment.GetProperty("trace").EnumerateArray(), s => s.GetProperty("ruleId").GetString() == "R6" && s.GetProperty("textEn").GetString()!.Contains("261.00", StringComparison.Ordinal));

        var roster = await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster?applicationId={id}");
        var recipient = Assert.Single(roster.GetProperty("items").EnumerateArray());
        Assert.Equal("dibao", recipient.GetProperty("category").GetString());
        Assert.Equal(331.00m, recipient.GetProperty("monthlyAmount").GetDecimal());
    }

    [Fact]
    public async Task A_refused_application_closes_and_late_or_repeated_events_do_not_move_it_back()
    {
        // 3,000 a month for one person is above 1.5 × the standard: refused.
        var id = await SubmitAsync(ApplicationRequests.Dibao(TestIds.New(), 3000m, "361102"));
        await new ProcedureDriver(platform).RefuseInXinzhouAsync(id, "家庭人均收入高于低保标准");
        // Verified and investigated (two steps at "assessed"), then refused and closed.
        var closed = await Eventually.ReturnsAsync(async () => await GetAsync(id),
            a => a.GetProperty("status").GetString() == "closed" && Stages(a).Count(s => s == "assessed") == 2, "the refusal");
        Assert.Equal("refused", closed.GetProperty("decision").GetString());

        var bus = await platform.StartTestBusAsync();
        try
        {
            // A late, contradicting assessment delivered twice, and a late notification.
            var messageId = NewId.NextGuid();
            var late = new EligibilityAssessed(id, Guid.NewGuid(), DateTimeOffset.UtcNow, Scheme.Dibao, null, AssessmentOutcome.Eligible,
                "dibao", 100m, "迟到的评估", "a late assessment", [new RuleTraceStep("R6", "…", "…")]);
            await bus.Publish(late, ctx => ctx.MessageId = messageId);
            await bus.Publish(late, ctx => ctx.MessageId = messageId);
            await bus.Publish(new NotificationDelivered(Guid.NewGuid(), id, "sms", "assessed", DateTimeOffset.UtcNow));
            var after = await Eventually.ReturnsAsync(async () => await GetAsync(id), a => Stages(a).Contains("notified"), "the late notification");
            await Task.Delay(500);
            after = await GetAsync(id);

            Assert.Equal("closed", after.GetProperty("status").GetString());
            Assert.Equal("refused", after.GetProperty("decision").GetString());
            Assert.Equal(3, Stages(after).Count(s => s == "assessed")); // the late one noted once, not applied
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task Many_notices_of_one_application_arriving_at_once_are_all_on_its_timeline()
    {
        // Issue 22: notices are taken in batches, two batches at a time; forty of them at once must all be recorded, none
        // lost to a race (nor to the error queue). Thirty come as notification announces them (rounds of notices, one
        // message each), ten alone as before an upgrade. Most are notes (written by the application's key, nothing
        // locked); every eighth tells that the money arrived, which moves the application's row, so both kinds run at once.
        var id = await SubmitAsync(ApplicationRequests.UninsuredUnemployed(TestIds.New(), "361102"));
        var bus = await platform.StartTestBusAsync();
        NotificationDelivered Notice(int i) => new(Guid.NewGuid(), id, i % 2 == 0 ? "sms" : "inbox",
            i % 8 == 0 ? NotificationEventTypes.PaymentSettled : $"burst-{i}", DateTimeOffset.UtcNow);
        try
        {
            // The first round also names an application intake does not know: that notice is left out, its round recorded.
            var stranger = new NotificationDelivered(Guid.NewGuid(), Guid.NewGuid(), "sms", "burst-stranger", DateTimeOffset.UtcNow);
            await Task.WhenAll(Enumerable.Range(0, 10).Select(round =>
                    bus.Publish(new NotificationsDelivered([.. Enumerable.Range(round * 3, 3).Select(Notice), .. round == 0 ? [stranger] : Array.Empty<NotificationDelivered>()])))
                .Concat(Enumerable.Range(30, 10).Select(i => bus.Publish(Notice(i)))));
        }
        finally
        {
            await bus.StopAsync();
        }

        // The application's own notices (received, by SMS and inbox) are on the timeline too; nothing of it is paid yet.
        static int Told(JsonElement application) => application.GetProperty("timeline").EnumerateArray()
            .Select(t => t.GetProperty("detailEn").GetString()!)
            .Count(d => d.Contains("burst-", StringComparison.Ordinal) || d.Contains(NotificationEventTypes.PaymentSettled, StringComparison.Ordinal));
        var told = await Eventually.ReturnsAsync(async () => await GetAsync(id), a => Told(a) == 40, "the forty notices on the timeline");
        Assert.Equal(40, Told(told));
        Assert.Equal(35, told.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("detailEn").GetString()!.Contains("burst-", StringComparison.Ordinal)));
        Assert.Equal("notified", told.GetProperty("status").GetString());
    }

    private static List<string> Stages(JsonElement application) =>
        application.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("stage").GetString()!).ToList();

    [Fact]
    public async Task A_second_open_application_for_a_person_in_another_county_gets_409_with_the_open_one()
    {
        var person = TestIds.New();
        var first = await SubmitAsync(ApplicationRequests.UninsuredUnemployed(person, "361102"));

        // The same person, now listed as a member of a household in 玉山县.
        using var response = await PostAsync(ApplicationRequests.UninsuredUnemployed(TestIds.New("361123"), "361123", person));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("duplicate_open_application", problem.GetProperty("code").GetString());
        Assert.Equal(first, problem.GetProperty("openApplicationId").GetGuid());
        Assert.DoesNotContain(person, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_submissions_for_one_person_let_exactly_one_through()
    {
        var person = TestIds.New();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(ApplicationRequests.UninsuredUnemployed(person))));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
            Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Without_the_signed_authorization_the_application_gets_422_and_nothing_is_stored()
    {
        var person = TestIds.New("361129");
        var body = ApplicationRequests.Dibao(person, "361129");
        body.Remove("authorization");

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("authorization_missing", problem.GetProperty("code").GetString());
        Assert.Contains("授权书", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Nothing was stored: the same person can apply at once with the letter.
        await SubmitAsync(ApplicationRequests.Dibao(person, "361129"));
    }

    [Fact]
    public async Task Invalid_fields_are_each_named_and_nothing_is_stored()
    {
        var person = TestIds.New();
        var body = ApplicationRequests.Dibao(person, "361102", person[..17] + (person[17] == '0' ? '1' : '0'));
        body["residenceCounty"] = "110101";
        body["channel"] = "fax";
        ((List<object>)body["members"]!).Add(new Dictionary<string, object?>
        {
            ["idNumber"] = person, ["name"] = "重复", ["relation"] = "child", ["employmentStatus"] = "student",
            ["monthlyIncomes"] = new[] { new { source = "wage", amount = -5m } },
        });

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "residenceCounty", "channel", "members[1].idNumber", "members[2].idNumber", "members[2].monthlyIncomes[0].amount" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
        }

        await SubmitAsync(ApplicationRequests.Dibao(person)); // nothing stored: no duplicate
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_returns_the_first_answer()
    {
        var key = Guid.NewGuid().ToString();
        var body = ApplicationRequests.Dibao(TestIds.New());
        var first = await SubmitAsync(body, key);

        using var replay = await PostAsync(body, key);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(first, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        using var changed = await PostAsync(ApplicationRequests.Dibao(TestIds.New()), key);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("idempotency_key_reused", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_application_is_a_404_problem()
    {
        using var response = await Gateway.GetAsync($"{Path}/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application_not_found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bad_list_filters_are_named()
    {
        using var response = await Gateway.GetAsync($"{Path}?county=999999&status=lost&pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("county", out _));
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
        _ = await CountForApplicantAsync("361102");
    }
}
