using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Eligibility;

/// <summary>
/// The lawful procedure of dibao and tekun (R3, R11, R20; issue 17) through the gateway, by distinct
/// people: verification, household investigation, public disclosure with an objection, approval by
/// another person, enrolment with back pay and payment; a refusal and its review; re-certification;
/// standards raised for the next month and entered late for a past one.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ProcedureTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private ProcedureDriver Driver => new(platform);

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime.AddHours(8));

    private static Dictionary<string, object?> InTownship(Dictionary<string, object?> application, string township)
    {
        application["residenceTownship"] = township;
        return application;
    }

    [Fact]
    public async Task A_dibao_application_is_verified_investigated_disclosed_objected_to_approved_by_another_person_and_paid_from_its_month()
    {
        using var staff = await Driver.XinzhouAsync();
        var applicant = TestIds.New();
        var spouse = TestIds.New();
        using (var funded = await Gateway.PostAsJsonAsync("/api/payments/funds", new { level = "provincial", name = "省级低保资金", purposes = new[] { "dibao" } }))
        {
            var fundId = (await funded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
            using var allocated = await Gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county = "361102", amount = 1_000_000m, weighting = "常规", allocatedBy = "省财政厅" });
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, allocated);
        }

        // HRSS reports the spouse earning 600 a month; the household declared nothing for the spouse.
        using (var feed = await Gateway.PostAsJsonAsync("/api/eligibility/feeds/hrss", new { records = new[] { new { idNumber = spouse, name = "李四", county = "361102", signal = "new-income", amount = 600m } } }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, feed);
        }

        var application = InTownship(ApplicationRequests.Dibao(applicant, "361102", spouse), "361102001");
        application["residenceVillage"] = "361102001001";
        var applicationId = await Driver.SubmitAsync(application);

        // 1. Verification: every source is in the report; one that sent nothing says so; the discrepancy is named.
        var opened = await Driver.CaseAsync(applicationId);
        var id = ProcedureDriver.IdOf(opened);
        Assert.Equal("investigation", opened.GetProperty("summary").GetProperty("stage").GetString());
        var sources = opened.GetProperty("verification").GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(11, sources.Count); // R2's five, the five verification sources and public security (deaths)
        Assert.Equal("no-data", sources.Single(s => s.GetProperty("source").GetString() == "banks").GetProperty("status").GetString());
        Assert.Equal("recorded", sources.Single(s => s.GetProperty("source").GetString() == "hrss").GetProperty("status").GetString());
        Assert.Contains(opened.GetProperty("verification").GetProperty("discrepancies").EnumerateArray(), d => d.GetProperty("member").GetInt32() == 2 && d.GetProperty("source").GetString() == "hrss");
        var queue = await staff.Caseworker.GetFromJsonAsync<JsonElement>($"/api/eligibility/work-items?subjectId={id}");
        var investigate = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal("investigate", investigate.GetProperty("kind").GetString());
        Assert.Equal("361102001", investigate.GetProperty("unit").GetString());
        var workItemId = investigate.GetProperty("workItemId").GetGuid();
        using (var taken = await staff.Caseworker.PostAsync($"/api/eligibility/work-items/{workItemId}/take", null))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, taken);
        }

        using (var takenByAnother = await staff.Approver.PostAsync($"/api/eligibility/work-items/{workItemId}/take", null))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, takenByAnother);
        }

        Assert.Contains((await staff.Caseworker.GetFromJsonAsync<JsonElement>("/api/eligibility/work-items?mine=true&pageSize=100")).GetProperty("items").EnumerateArray(),
            w => w.GetProperty("workItemId").GetGuid() == workItemId);
        Assert.Equal(opened.GetProperty("summary").GetProperty("appliedOn").GetString() is { } applied ? DateOnly.Parse(applied, CultureInfo.InvariantCulture).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            opened.GetProperty("summary").GetProperty("decisionDueOn").GetString());

        // 2. Investigation with a photo; a file that is not what it says is refused; documents come back only as downloads.
        using (var photo = new MultipartFormDataContent())
        {
            var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
            png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            photo.Add(png, "file", "入户照片.png");
            using var uploaded = await staff.Caseworker.PostAsync($"/api/eligibility/determinations/{id}/documents", photo);
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, uploaded);
            var documentId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
            using var download = await staff.Caseworker.GetAsync($"/api/eligibility/documents/{documentId}");
            Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        }

        using (var fake = new MultipartFormDataContent())
        {
            var exe = new ByteArrayContent("MZ\x90\0 not a picture"u8.ToArray());
            exe.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            fake.Add(exe, "file", "photo.jpg");
            using var refused = await staff.Caseworker.PostAsync($"/api/eligibility/determinations/{id}/documents", fake);
            await ProcedureDriver.ExpectAsync(HttpStatusCode.BadRequest, refused);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
        }

        using var investigated = await ProcedureDriver.InvestigateAsync(staff.Caseworker, id);
        await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, investigated);
        var proposed = await investigated.Content.ReadFromJsonAsync<JsonElement>();
        // The amount is the means test's from the verified figures: 2 × 870 − (800 − 30 % × 870) − 600 = 601.
        Assert.Equal(601.00m, proposed.GetProperty("investigation").GetProperty("monthlyAmount").GetDecimal());
        Assert.Equal("disclosure", proposed.GetProperty("summary").GetProperty("stage").GetString());
        Assert.Contains(proposed.GetProperty("proposal").GetProperty("trace").EnumerateArray(), s => s.GetProperty("ruleId").GetString() == "R6");

        // 3. Public disclosure: anyone reads the masked list of the township and may object, anonymously.
        using var anonymous = platform.AnonymousGateway();
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/public/eligibility/disclosures?unit=361102001");
        var entry = list.EnumerateArray().Single(e => e.GetProperty("determinationId").GetGuid() == id);
        Assert.Equal("张*", entry.GetProperty("name").GetString());
        Assert.Equal($"{applicant[..6]}********{applicant[^4..]}", entry.GetProperty("idNumber").GetString());
        Assert.Equal(2, entry.GetProperty("householdSize").GetInt32());
        Assert.Equal(601.00m, entry.GetProperty("monthlyAmount").GetDecimal());
        Assert.DoesNotContain(applicant, await anonymous.GetStringAsync("/public/eligibility/disclosures?unit=361102001"), StringComparison.Ordinal);
        // Posted on its own community's list, not on the neighbouring one's.
        Assert.Contains((await anonymous.GetFromJsonAsync<JsonElement>("/public/eligibility/disclosures?unit=361102001001")).EnumerateArray(), e => e.GetProperty("determinationId").GetGuid() == id);
        Assert.DoesNotContain((await anonymous.GetFromJsonAsync<JsonElement>("/public/eligibility/disclosures?unit=361102001003")).EnumerateArray(), e => e.GetProperty("determinationId").GetGuid() == id);

        using (var early = await ProcedureDriver.DecideAsync(staff.Approver, id, "approve", DateTimeOffset.UtcNow))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, early);
            Assert.Equal("disclosure_in_progress", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        using var objected = await anonymous.PostAsJsonAsync($"/public/eligibility/disclosures/{id}/objections", new { text = "该户有一辆新车，平时开车上班。" });
        await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, objected);
        var objectionId = (await objected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objectionId").GetGuid();

        // 4. No decision while the objection is open, even after the period; the proposer never decides.
        var after = ProcedureDriver.AfterDisclosure(proposed);
        using (var blocked = await ProcedureDriver.DecideAsync(staff.Approver, id, "approve", after))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, blocked);
            Assert.Equal("objection_unresolved", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        using (var byCaseworker = await ProcedureDriver.DecideAsync(staff.Caseworker, id, "approve", after))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Forbidden, byCaseworker);
        }

        using (var resolved = await staff.Caseworker.PostAsJsonAsync($"/api/eligibility/determinations/{id}/objections/{objectionId}/resolution",
            new { outcome = "dismissed", reason = "经核查车辆登记，该户无车辆；异议不成立。" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, resolved);
            var objection = (await resolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objections")[0];
            Assert.Equal("dismissed", objection.GetProperty("status").GetString());
            Assert.True(objection.GetProperty("anonymous").GetBoolean());
        }

        using var approved = await ProcedureDriver.DecideAsync(staff.Approver, id, "approve", after);
        await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, approved);
        var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", decided.GetProperty("summary").GetProperty("stage").GetString());
        var decision = decided.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "approved");
        Assert.Equal(DevelopmentPeople.TownshipApprover, decision.GetProperty("by").GetProperty("id").GetString() is { } approverId && approverId.Length > 0 ? DevelopmentPeople.TownshipApprover : "");
        Assert.NotEqual(proposed.GetProperty("investigation").GetProperty("by").GetProperty("id").GetString(), decision.GetProperty("by").GetProperty("id").GetString());

        // 5. Enrolled from the month of application, with back pay for every month to the decision's; paid.
        var recipientId = decided.GetProperty("recipientId").GetGuid();
        var appliedMonth = DateOnly.Parse(decided.GetProperty("summary").GetProperty("appliedOn").GetString()!, CultureInfo.InvariantCulture);
        var expected = new List<string>();
        for (var m = new DateOnly(appliedMonth.Year, appliedMonth.Month, 1); m <= ChinaDate(after); m = m.AddMonths(1))
        {
            expected.Add(Month(m));
        }

        var entitlements = await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster/{recipientId}/entitlements");
        Assert.Equal(expected, entitlements.EnumerateArray().Select(e => e.GetProperty("month").GetString()!).ToList());
        Assert.All(entitlements.EnumerateArray(), e => Assert.Equal(601.00m, e.GetProperty("amount").GetDecimal()));
        var reference = $"dibao:{recipientId}:{expected[0]}";
        await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
            p => p.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("status").GetString() == "settled"),
            "the first month to be paid", TimeSpan.FromSeconds(90));

        // The family's timeline: verified, investigated, objection, decided approved.
        var timelined = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{applicationId}"),
            a => a.GetProperty("decision").ValueKind == JsonValueKind.String, "the decision on the timeline");
        Assert.Equal("approved", timelined.GetProperty("decision").GetString());
        var timeline = timelined.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("detailZh").GetString()!).ToList();
        Assert.Contains(timeline, t => t.Contains("家庭经济状况核对", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Contains("入户调查", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_carries_the_right_to_a_review_which_other_people_decide()
    {
        using var staff = await Driver.XinzhouAsync();
        var applicationId = await Driver.SubmitAsync(InTownship(ApplicationRequests.Dibao(TestIds.New(), "361102", TestIds.New()), "361102001"));
        var id = ProcedureDriver.IdOf(await Driver.CaseAsync(applicationId));

        using (var notEligible = await ProcedureDriver.InvestigateAsync(staff.Caseworker, id, "not-eligible", "入户发现家庭有稳定经营收入"))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, notEligible);
            Assert.Equal("approval", (await notEligible.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("stage").GetString());
        }

        using (var refused = await ProcedureDriver.DecideAsync(staff.Approver, id, "reject", DateTimeOffset.UtcNow, "家庭有稳定经营收入，不符合低保条件"))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, refused);
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("rejected", body.GetProperty("summary").GetProperty("stage").GetString());
            Assert.Equal(JsonValueKind.String, body.GetProperty("reviewRequestUntil").ValueKind);
        }

        // The reasons reach the applicant with the right to a review and to reconsideration.
        var application = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{applicationId}"),
            a => a.GetProperty("decision").ValueKind == JsonValueKind.String, "the refusal on the timeline");
        Assert.Equal("refused", application.GetProperty("decision").GetString());
        Assert.Contains(application.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("detailZh").GetString()!.Contains("申请复核", StringComparison.Ordinal)
            && t.GetProperty("detailZh").GetString()!.Contains("行政复议", StringComparison.Ordinal));

        using (var review = await staff.Caseworker.PostAsJsonAsync($"/api/eligibility/determinations/{id}/review-requests", new { reason = "申请人称经营已停业，提交停业证明" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, review);
            var body = await review.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("investigation", body.GetProperty("summary").GetProperty("stage").GetString());
            Assert.Equal(2, body.GetProperty("summary").GetProperty("round").GetInt32());
        }

        // Those who took part in the refusal may not handle the review.
        using (var same = await ProcedureDriver.InvestigateAsync(staff.Caseworker, id))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, same);
            Assert.Equal("excluded_person", (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        var (others, countyApprover) = await Driver.NewStaffAsync("361102001");
        using (others)
        using (countyApprover)
        {
            using var investigated = await ProcedureDriver.InvestigateAsync(others.Caseworker, id);
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, investigated);
            var proposed = await investigated.Content.ReadFromJsonAsync<JsonElement>();
            using (var formerApprover = await ProcedureDriver.DecideAsync(staff.Approver, id, "approve", ProcedureDriver.AfterDisclosure(proposed)))
            {
                await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, formerApprover);
                Assert.Equal("same_person", (await formerApprover.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }

            using var approved = await ProcedureDriver.DecideAsync(others.Approver, id, "approve", ProcedureDriver.AfterDisclosure(proposed));
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, approved);
            var decisions = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).ToList();
            Assert.Equal(["rejected", "review-requested", "approved"], decisions); // the refusal is kept beside the approval (R20)
        }

        var decided = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{applicationId}"),
            a => a.GetProperty("decision").GetString() == "approved", "the review's approval on the timeline");
        Assert.Equal("approved", decided.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task A_recipient_gets_a_re_certification_work_item_due_on_its_date()
    {
        using var staff = await Driver.XinzhouAsync();
        var recipientId = await Driver.EnrolAsync(InTownship(ApplicationRequests.Dibao(TestIds.New(), "361102", TestIds.New()), "361102001"), staff);
        var today = ChinaDate(DateTimeOffset.UtcNow);

        // Not due yet: nothing for it today.
        using (var now = await Gateway.PostAsJsonAsync("/api/eligibility/recertifications/runs", new { }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, now);
        }

        Assert.Equal(0, (await staff.Caseworker.GetFromJsonAsync<JsonElement>($"/api/eligibility/work-items?subjectId={recipientId}")).GetProperty("total").GetInt32());

        // A household that can work is re-certified every 6 months (policy): its item appears by then, due on its date.
        var date = today.AddMonths(6).AddDays(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var run = await Gateway.PostAsJsonAsync("/api/eligibility/recertifications/runs", new { date }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, run);
        }

        using (var again = await Gateway.PostAsJsonAsync("/api/eligibility/recertifications/runs", new { date }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, again);
        }

        var items = (await staff.Caseworker.GetFromJsonAsync<JsonElement>($"/api/eligibility/work-items?subjectId={recipientId}")).GetProperty("items");
        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal("recertify", item.GetProperty("kind").GetString());
        Assert.Equal("361102001", item.GetProperty("unit").GetString());
        var due = DateOnly.Parse(item.GetProperty("dueOn").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(due, today.AddMonths(6), today.AddMonths(6).AddDays(8));

        // Counts per unit and step, for supervisors.
        var counts = await Gateway.GetFromJsonAsync<JsonElement>("/api/eligibility/work-items/counts?county=361102");
        Assert.Contains(counts.EnumerateArray(), c => c.GetProperty("unit").GetString() == "361102001" && c.GetProperty("kind").GetString() == "recertify" && c.GetProperty("open").GetInt32() >= 1);

        // The re-certification done, the item closes and the next date is set.
        using var reassessed = await staff.Caseworker.PostAsJsonAsync($"/api/eligibility/roster/{recipientId}/reassessments", new { reason = "定期复核" });
        await ProcedureDriver.ExpectAsync(HttpStatusCode.Forbidden, reassessed); // reassessment is the county's (eligibility.admin)
        using var byCounty = await Gateway.PostAsJsonAsync($"/api/eligibility/roster/{recipientId}/reassessments", new { reason = "定期复核" });
        await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, byCounty);
        Assert.Equal(0, (await staff.Caseworker.GetFromJsonAsync<JsonElement>($"/api/eligibility/work-items?subjectId={recipientId}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_approval_found_wrong_is_corrected_with_a_reason_and_the_overpayment_becomes_a_recovery()
    {
        using var staff = await Driver.XinzhouAsync();
        var applicationId = await Driver.SubmitAsync(InTownship(ApplicationRequests.Dibao(TestIds.New(), "361102", TestIds.New()), "361102001"));
        var recipientId = await Driver.ApproveAsync(applicationId, staff);
        var id = ProcedureDriver.IdOf(await Driver.CaseAsync(applicationId));
        var months = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster/{recipientId}/entitlements")).EnumerateArray()
            .Select(e => e.GetProperty("month").GetString()!).ToList();

        using (var byClient = await Gateway.PostAsJsonAsync($"/api/eligibility/determinations/{id}/corrections",
            new { monthlyAmount = 100m, effectiveMonth = months[0], reason = "漏报经营收入", goodFaith = true }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Forbidden, byClient); // an approver's act, not a system's
        }

        using var corrected = await staff.Approver.PostAsJsonAsync($"/api/eligibility/determinations/{id}/corrections",
            new { monthlyAmount = 100m, effectiveMonth = months[0], reason = "复查发现漏报经营收入", goodFaith = true });
        await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, corrected);
        var body = await corrected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(months.Count, body.GetProperty("recoveries").GetInt32());
        Assert.Equal(1101.00m * months.Count, body.GetProperty("recoveredAmount").GetDecimal()); // 1201 paid, 100 owed, each month
        Assert.True(body.GetProperty("correction").GetProperty("goodFaith").GetBoolean());

        var recoveries = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster/{recipientId}/differences")).GetProperty("recoveries");
        Assert.Equal(months, recoveries.EnumerateArray().Select(r => r.GetProperty("month").GetString()!).ToList());
        var decisions = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/determinations/{id}")).GetProperty("decisions").EnumerateArray()
            .Select(d => d.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["approved", "corrected"], decisions); // the original stays beside its correction (R20)
    }

    [Fact]
    public async Task A_standard_raised_for_next_month_changes_the_next_payments_of_existing_recipients()
    {
        var (staff, countyApprover) = await Driver.NewStaffAsync("361181001");
        using (staff)
        using (countyApprover)
        {
            var recipientId = await Driver.EnrolAsync(InTownship(ApplicationRequests.Dibao(TestIds.New("361181"), "361181", TestIds.New("361181")), "361181001"), staff);
            var today = ChinaDate(DateTimeOffset.UtcNow);
            var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            using (var raised = await Gateway.PostAsJsonAsync("/api/eligibility/policies/standards",
                new { county = "361181", areaType = "urban", kind = "dibao", monthlyAmount = 900m, effectiveFrom = next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note = "年度提标" }))
            {
                await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, raised);
            }

            using (var run = await Gateway.PostAsJsonAsync("/api/eligibility/monthly-runs", new { month = Month(next) }))
            {
                await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, run);
            }

            // Next month is paid at the new standard: 2 × 900 − (800 − 30 % × 900) = 1270, whether it was issued
            // by the run or already as back pay and topped up by the difference.
            var entitlement = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster/{recipientId}/entitlements")).EnumerateArray()
                .Single(e => e.GetProperty("month").GetString() == Month(next)).GetProperty("amount").GetDecimal();
            var differences = await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster/{recipientId}/differences");
            var topUp = differences.GetProperty("adjustments").EnumerateArray().Where(a => a.GetProperty("month").GetString() == Month(next)).Sum(a => a.GetProperty("amount").GetDecimal());
            Assert.Equal(1270.00m, entitlement + topUp);
        }
    }

    [Fact]
    public async Task A_standard_entered_late_for_this_month_by_the_county_approver_pays_the_difference()
    {
        var (staff, countyApprover) = await Driver.NewStaffAsync("361181002");
        using (staff)
        using (countyApprover)
        {
            var recipientId = await Driver.EnrolAsync(InTownship(ApplicationRequests.Dibao(TestIds.New("361181"), "361181", TestIds.New("361181")), "361181002"), staff);
            var today = ChinaDate(DateTimeOffset.UtcNow);
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            var paidBefore = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster/{recipientId}/entitlements")).EnumerateArray()
                .Single(e => e.GetProperty("month").GetString() == Month(thisMonth)).GetProperty("amount").GetDecimal();

            // Only a person with the approver role enters a standard for a past month; a system client may not.
            var body = new { county = "361181", areaType = "urban", kind = "dibao", monthlyAmount = 880m, effectiveFrom = thisMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note = "市政府文件补录" };
            if (thisMonth < today)
            {
                using var byClient = await Gateway.PostAsJsonAsync("/api/eligibility/policies/standards", body);
                await ProcedureDriver.ExpectAsync(HttpStatusCode.BadRequest, byClient);
            }

            using (var late = await countyApprover.PostAsJsonAsync("/api/eligibility/policies/standards", body))
            {
                await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, late);
            }

            // This month is owed 2 × 880 − (800 − 30 % × 880) = 1224: the difference is paid through payments.
            var adjustment = (await Gateway.GetFromJsonAsync<JsonElement>($"/api/eligibility/roster/{recipientId}/differences")).GetProperty("adjustments").EnumerateArray()
                .Single(a => a.GetProperty("month").GetString() == Month(thisMonth));
            Assert.Equal(1224.00m - paidBefore, adjustment.GetProperty("amount").GetDecimal());
            var reference = adjustment.GetProperty("reference").GetString()!;
            await Eventually.ReturnsAsync(
                async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
                p => p.GetProperty("total").GetInt32() == 1, "the difference to be instructed");
        }
    }
}
