using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Relief;

/// <summary>
/// Service assistance and social forces (R16, R17; issue 21) through the gateway: the visit schedule of
/// dispersed tekun persons with its overdue items and a caregiver replaced; a purchased service from
/// order to delivery to invoice to payment, reconciled; a referral to a charity from proposal to outcome.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ServiceAssistanceTests(PlatformFixture platform)
{
    private const string County = "361102";
    private const string Township = "361102003"; // 西市街道

    private HttpClient Gateway => platform.Gateway;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>A well-formed unified social credit code, different each time.</summary>
    private static string NewCreditCode()
    {
        var first17 = $"91361102{Random.Shared.NextInt64(0, 999_999_999):D9}";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static object Caregiver(string name, string kind = "person") => kind == "person"
        ? new { kind, name, code = TestIds.New(County), phone = "13900001111" }
        : new { kind, name, code = NewCreditCode(), phone = "0793-8888888" };

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.Created, HttpClient? client = null)
    {
        using var response = await (client ?? Gateway).PostAsJsonAsync(path, body);
        await ProcedureDriver.ExpectAsync(expected, response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_missed_weekly_visit_becomes_an_overdue_item_and_a_caregiver_failing_duties_is_replaced_with_the_handover_recorded()
    {
        var person = TestIds.New(County);
        var arrangement = await PostAsync("/api/relief/care/arrangements", new
        {
            county = County, township = Township, personIdNumber = person, personName = "刘老汉", careLevel = "fully-dependent",
            caregiver = Caregiver("王照料"), startsOn = Date(Today.AddDays(-20)),
        });
        var id = arrangement.GetProperty("arrangementId").GetGuid();
        Assert.Equal(7, arrangement.GetProperty("visitIntervalDays").GetInt32());

        // The first week visited, the second not; the township's spot check does not stand in for the caregiver.
        await PostAsync($"/api/relief/care/arrangements/{id}/visits", new { kind = "caregiver", visitedOn = Date(Today.AddDays(-15)), findings = "打扫卫生、送药。", personWell = true });
        await PostAsync($"/api/relief/care/arrangements/{id}/visits", new { kind = "spot-check", visitedOn = Date(Today.AddDays(-3)), findings = "老人反映照料人近期未来。", personWell = false });

        var overdue = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/care/arrangements?county={County}&overdue=true&pageSize=100");
        var item = overdue.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("arrangementId").GetGuid() == id);
        Assert.Equal(1, item.GetProperty("missedVisits").GetInt32());
        Assert.True(item.GetProperty("visitOverdue").GetBoolean());
        Assert.Equal("刘**", item.GetProperty("personName").GetString());
        Assert.DoesNotContain(person, overdue.GetRawText(), StringComparison.Ordinal);
        Assert.False(item.GetProperty("replaceCaregiver").GetBoolean());

        // A complaint about the care found true: the caregiver fails their duties.
        await PostAsync($"/api/relief/care/arrangements/{id}/complaints", new { summary = "照料人连续两周未上门。", confirmed = true, reference = "TS-2026-118" });
        var toReplace = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/care/arrangements?county={County}&replace=true&pageSize=100");
        Assert.Contains(toReplace.GetProperty("items").EnumerateArray(), a => a.GetProperty("arrangementId").GetGuid() == id);

        var next = await PostAsync($"/api/relief/care/arrangements/{id}/replacement", new
        {
            caregiver = Caregiver("信州区颐康护理服务中心", "organisation"), reason = "漏访且投诉属实，履职不到位。", handoverNotes = "交接钥匙、药品清单和就医记录。",
        });
        Assert.Equal(id, next.GetProperty("replacesArrangementId").GetGuid());
        Assert.False(next.GetProperty("visitOverdue").GetBoolean());

        var old = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/care/arrangements/{id}");
        Assert.Equal("replaced", old.GetProperty("arrangement").GetProperty("status").GetString());
        Assert.Equal(next.GetProperty("arrangementId").GetGuid(), old.GetProperty("handedOverTo").GetProperty("toArrangementId").GetGuid());
        Assert.Equal(2, old.GetProperty("visits").GetArrayLength());

        // Replaced once: a second replacement of the old agreement is refused, and it is no longer an overdue item.
        using var again = await Gateway.PostAsJsonAsync($"/api/relief/care/arrangements/{id}/replacement", new { caregiver = Caregiver("李照料"), reason = "重复", handoverNotes = "无" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var after = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/care/arrangements?county={County}&overdue=true&pageSize=100");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), a => a.GetProperty("arrangementId").GetGuid() == id);
    }

    [Fact]
    public async Task Bad_care_input_names_the_field_and_another_countys_officer_cannot_open_the_agreement()
    {
        using var bad = await Gateway.PostAsJsonAsync("/api/relief/care/arrangements", new
        {
            county = County, township = Township, personIdNumber = TestIds.New(County), personName = "赵老人", careLevel = "fully-dependent",
            caregiver = new { kind = "organisation", name = "某护理站", code = "91361102123456789X", phone = "0793-1" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("caregiver.code", out _));

        var arrangement = await PostAsync("/api/relief/care/arrangements", new
        {
            county = County, township = Township, personIdNumber = TestIds.New(County), personName = "钱老人", careLevel = "self-care", caregiver = Caregiver("孙照料"),
        });
        Assert.Equal(30, arrangement.GetProperty("visitIntervalDays").GetInt32());
        using var stranger = await new ProcedureDriver(platform).NewPersonAsync("county-approver", "361103");
        using var refused = await stranger.GetAsync($"/api/relief/care/arrangements/{arrangement.GetProperty("arrangementId").GetGuid()}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_service_is_ordered_delivered_invoiced_reconciled_against_the_confirmed_deliveries_and_the_provider_paid_once()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await PostAsync("/api/relief/care/catalogue", new { code = $"care-{suffix}", nameZh = "生活照料", nameEn = "Personal care", unit = "hour" });
        await PostAsync("/api/relief/care/catalogue", new { code = $"meal-{suffix}", nameZh = "助餐", nameEn = "Meal delivery", unit = "meal" });
        var provider = await PostAsync("/api/relief/care/providers", new
        {
            county = County, name = $"颐康居家养老服务中心{suffix}", creditCode = NewCreditCode(), phone = "0793-8220000",
            contractFrom = Date(Today.AddMonths(-2)), contractTo = Date(Today.AddMonths(10)),
            prices = new[] { new { itemCode = $"care-{suffix}", unitPrice = 25m }, new { itemCode = $"meal-{suffix}", unitPrice = 12.5m } },
        });
        var providerId = provider.GetProperty("providerId").GetGuid();

        // Money for services in the county (R19): the province's fund, allocated.
        var fund = await PostAsync("/api/payments/funds", new { level = "provincial", name = "省级购买服务资金", purposes = new[] { "services" } });
        await PostAsync($"/api/payments/funds/{fund.GetProperty("fundId").GetGuid()}/allocations", new { county = County, amount = 10_000m, weighting = "按需", allocatedBy = "省财政厅" });

        var plan = await PostAsync("/api/relief/care/support-plans", new
        {
            county = County, township = Township, personIdNumber = TestIds.New(County), personName = "周奶奶", monthlyCash = 680m, inKind = "冬季棉被一床",
            services = new[] { new { itemCode = $"care-{suffix}", quantityPerMonth = 10m, providerId }, new { itemCode = $"meal-{suffix}", quantityPerMonth = 20m, providerId } },
        });
        var month = Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var orders = await PostAsync($"/api/relief/care/support-plans/{plan.GetProperty("planId").GetGuid()}/orders", new { month }, HttpStatusCode.OK);
        Assert.Equal(2, orders.GetArrayLength());
        var ordersAgain = await PostAsync($"/api/relief/care/support-plans/{plan.GetProperty("planId").GetGuid()}/orders", new { month }, HttpStatusCode.OK);
        Assert.Equal(orders.EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).Order(), ordersAgain.EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).Order());
        var care = orders.EnumerateArray().Single(o => o.GetProperty("itemCode").GetString() == $"care-{suffix}").GetProperty("orderId").GetGuid();
        var meals = orders.EnumerateArray().Single(o => o.GetProperty("itemCode").GetString() == $"meal-{suffix}").GetProperty("orderId").GetGuid();

        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await PostAsync($"/api/relief/care/service-orders/{care}/deliveries", new { worker = "陈护理", startedAt, minutes = 480, quantity = 8m, confirmedBy = "signature" });
        await PostAsync($"/api/relief/care/service-orders/{care}/deliveries", new { worker = "陈护理", startedAt, minutes = 120, quantity = 2m }); // not confirmed
        await PostAsync($"/api/relief/care/service-orders/{meals}/deliveries", new { worker = "送餐员小吴", startedAt, minutes = 30, quantity = 20m, confirmedBy = "sms-code" });

        // Billed for 10 hours of care, the recipient confirmed 8: 8 × 25 + 20 × 12.5 = 450 payable of 500 billed.
        var invoice = await PostAsync("/api/relief/care/invoices", new
        {
            providerId, number = $"FP-{suffix}", month,
            lines = new[] { new { orderId = care, quantity = 10m, amount = 250m }, new { orderId = meals, quantity = 20m, amount = 250m } },
        });
        Assert.Equal(500m, invoice.GetProperty("billed").GetDecimal());
        Assert.Equal(450m, invoice.GetProperty("payable").GetDecimal());
        Assert.Contains(invoice.GetProperty("reconciliation").EnumerateArray(), l => l.GetProperty("differenceZh").GetString()?.Contains("确认", StringComparison.Ordinal) == true);

        var invoiceId = invoice.GetProperty("invoiceId").GetGuid();
        // Another county's officer can neither approve the invoice nor order the plan's services.
        using (var stranger = await new ProcedureDriver(platform).NewPersonAsync("county-approver", "361103"))
        {
            using var refusedApproval = await stranger.PostAsJsonAsync($"/api/relief/care/invoices/{invoiceId}/approval", new { });
            Assert.Equal(HttpStatusCode.Forbidden, refusedApproval.StatusCode);
            using var refusedOrder = await stranger.PostAsJsonAsync($"/api/relief/care/support-plans/{plan.GetProperty("planId").GetGuid()}/orders", new { month });
            Assert.Equal(HttpStatusCode.Forbidden, refusedOrder.StatusCode);
        }

        var approved = await PostAsync($"/api/relief/care/invoices/{invoiceId}/approval", new { }, HttpStatusCode.OK);
        using var twice = await Gateway.PostAsJsonAsync($"/api/relief/care/invoices/{invoiceId}/approval", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var reference = approved.GetProperty("paymentReference").GetString()!;
        var paid = await Eventually.ReturnsAsync(
            async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
            p => p.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("status").GetString() == "settled"), "the provider paid through the bank");
        var payment = Assert.Single(paid.GetProperty("items").EnumerateArray());
        Assert.Equal(450m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal("services", payment.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task A_case_assistance_cannot_fully_cover_is_referred_to_a_charity_project_accepted_and_completed_and_a_full_project_takes_no_more()
    {
        var charity = await PostAsync("/api/relief/social-forces/charities", new { county = County, name = "上饶市慈善总会信州分会", creditCode = NewCreditCode(), contact = "黄会长", phone = "0793-8330000" });
        var project = await PostAsync($"/api/relief/social-forces/charities/{charity.GetProperty("charityId").GetGuid()}/projects",
            new { name = "大病救助微心愿", funds = "医疗费用自付部分", forWhom = "救助后仍有困难的大病患者家庭", capacity = 1 });
        var projectId = project.GetProperty("projectId").GetGuid();

        var referral = await PostAsync("/api/relief/social-forces/referrals", new
        {
            county = County, township = Township, personIdNumber = TestIds.New(County), personName = "吴大伯", need = "临时救助后医疗自付仍有 1.2 万元缺口。", shortfall = 12_000m, projectId,
        });
        var referralId = referral.GetProperty("referralId").GetGuid();
        Assert.Equal("proposed", referral.GetProperty("status").GetString());

        using (var reasonMissing = await Gateway.PostAsJsonAsync($"/api/relief/social-forces/referrals/{referralId}/answer", new { accepted = false, answeredBy = "黄会长" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, reasonMissing.StatusCode);
        }

        using (var stranger = await new ProcedureDriver(platform).NewPersonAsync("county-approver", "361103"))
        using (var refused = await stranger.PostAsJsonAsync($"/api/relief/social-forces/referrals/{referralId}/answer", new { accepted = true, answeredBy = "黄会长" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var accepted = await PostAsync($"/api/relief/social-forces/referrals/{referralId}/answer", new { accepted = true, answeredBy = "黄会长" }, HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        var completed = await PostAsync($"/api/relief/social-forces/referrals/{referralId}/outcome", new { outcome = "资助医疗费 10000 元。", amount = 10_000m }, HttpStatusCode.OK);
        Assert.Equal("completed", completed.GetProperty("status").GetString());

        var projects = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/social-forces/projects?county={County}");
        Assert.Equal(0, projects.EnumerateArray().Single(p => p.GetProperty("projectId").GetGuid() == projectId).GetProperty("placesLeft").GetInt32());
        using var full = await Gateway.PostAsJsonAsync("/api/relief/social-forces/referrals", new
        {
            county = County, township = Township, personIdNumber = TestIds.New(County), personName = "郑大姐", need = "同上", projectId,
        });
        Assert.Equal(HttpStatusCode.BadRequest, full.StatusCode);

        var listed = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/social-forces/referrals?county={County}&status=completed");
        Assert.Equal("吴**", listed.EnumerateArray().Single(r => r.GetProperty("referralId").GetGuid() == referralId).GetProperty("personName").GetString());
    }

    [Fact]
    public async Task Volunteers_and_social_workers_are_found_by_the_units_they_serve()
    {
        var village = "361102003001";
        var worker = await PostAsync("/api/relief/social-forces/helpers", new { county = County, kind = "social-worker", name = "何社工", phone = "13700002222", certificate = "SG-2024-0031", units = new[] { Township } });
        using (var noCertificate = await Gateway.PostAsJsonAsync("/api/relief/social-forces/helpers", new { county = County, kind = "social-worker", name = "无证", phone = "1", units = new[] { Township } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noCertificate.StatusCode);
        }

        var serving = await Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/social-forces/helpers?county={County}&unit={village}");
        var found = serving.EnumerateArray().Single(h => h.GetProperty("helperId").GetGuid() == worker.GetProperty("helperId").GetGuid());
        Assert.Equal("何**", found.GetProperty("name").GetString());
    }
}
