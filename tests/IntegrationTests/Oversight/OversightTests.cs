using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Oversight;

/// <summary>The oversight service through the gateway (issue 19, R18 R20): complaints with a tracking code, flags raised from events and investigated.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OversightTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_anonymous_tip_is_followed_by_its_code_taken_and_decided_by_the_county_and_refused_to_another_county()
    {
        var driver = new ProcedureDriver(platform);
        using var anonymous = platform.AnonymousGateway();

        // Bad input names the field and stores nothing.
        using (var invalid = await anonymous.PostAsJsonAsync("/public/oversight/complaints", new { kind = "gossip", county = "361102", anonymous = true, text = "" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.BadRequest, invalid);
            var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("kind", out _));
            Assert.True(errors.TryGetProperty("text", out _));
        }

        string code;
        using (var lodged = await anonymous.PostAsJsonAsync("/public/oversight/complaints",
                   new { kind = "relationship-dibao", county = "361102", unit = "361102001", anonymous = true, name = "不留名", contact = "13900001111", text = "村干部的亲属领取低保，但家里有车。" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, lodged);
            code = (await lodged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        }

        Assert.Equal(12, code.Length);
        var progress = await anonymous.GetFromJsonAsync<JsonElement>($"/public/oversight/complaints/{code}");
        Assert.Equal("received", progress.GetProperty("status").GetString());
        using (var unknown = await anonymous.GetAsync("/public/oversight/complaints/ZZZZZZZZZZZZ"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // The county's office finds it, takes it and decides it; an anonymous tip kept neither name nor phone.
        using var xinzhou = await driver.NewPersonAsync("county-approver", "361102");
        var list = await xinzhou.GetFromJsonAsync<JsonElement>("/api/oversight/complaints?county=361102&status=received&pageSize=100");
        var complaint = list.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("text").GetString() == "村干部的亲属领取低保，但家里有车。"
                                                                            && c.GetProperty("receivedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(JsonValueKind.Null, complaint.GetProperty("complainantContact").ValueKind);
        var id = complaint.GetProperty("complaintId").GetGuid();

        using var other = await driver.NewPersonAsync("county-approver", "361123");
        using (var refused = await other.GetAsync($"/api/oversight/complaints/{id}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var early = await xinzhou.PostAsJsonAsync($"/api/oversight/complaints/{id}/decision", new { outcome = "substantiated", reasons = "查实。" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, early); // taken first
        }

        using (var taken = await xinzhou.PostAsync($"/api/oversight/complaints/{id}/take", null))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, taken);
        }

        using (var decided = await xinzhou.PostAsJsonAsync($"/api/oversight/complaints/{id}/decision", new { outcome = "partly-substantiated", reasons = "经入户核查，车辆已于申请前出售；已责令该干部回避。" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, decided);
        }

        progress = await anonymous.GetFromJsonAsync<JsonElement>($"/public/oversight/complaints/{code}");
        Assert.Equal("decided", progress.GetProperty("status").GetString());
        Assert.Equal("partly-substantiated", progress.GetProperty("outcome").GetString());
        Assert.DoesNotContain("测试人员", progress.GetRawText(), StringComparison.Ordinal); // who decided stays inside
    }

    [Fact]
    public async Task The_12345_hotline_passes_a_named_complaint_on_with_its_ticket()
    {
        using (var missingTicket = await platform.Gateway.PostAsJsonAsync("/api/oversight/complaints",
                   new { kind = "service", county = "361102", anonymous = false, name = "王芳", contact = "13900002222", text = "申请提交一个月没有人上门。" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.BadRequest, missingTicket);
            Assert.True((await missingTicket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("hotlineTicket", out _));
        }

        using var received = await platform.Gateway.PostAsJsonAsync("/api/oversight/complaints",
            new { kind = "service", county = "361102", anonymous = false, name = "王芳", contact = "13900002222", text = "申请提交一个月没有人上门。", hotlineTicket = "12345-20261130-0001" });
        await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, received);
        var list = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/oversight/complaints?county=361102&pageSize=100");
        var item = list.GetProperty("items").EnumerateArray().First(c => c.GetProperty("hotlineTicket").GetString() == "12345-20261130-0001");
        Assert.Equal("hotline-12345", item.GetProperty("channel").GetString());
        Assert.Equal("139****2222", item.GetProperty("complainantContact").GetString()); // masked on the list
    }

    [Fact]
    public async Task A_relative_declared_by_staff_applying_raises_a_flag_that_is_investigated_and_confirmed()
    {
        var driver = new ProcedureDriver(platform);
        using var caseworker = await driver.NewPersonAsync("township-caseworker", "361102001");
        var relative = TestIds.New("361102");
        using (var declared = await caseworker.PostAsJsonAsync("/api/oversight/relatives", new { idNumber = relative, name = "张小明", relation = "sibling" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, declared);
        }

        var mine = await caseworker.GetFromJsonAsync<JsonElement>("/api/oversight/relatives");
        Assert.DoesNotContain(relative, mine.GetRawText(), StringComparison.Ordinal);

        var applicationId = await driver.SubmitAsync(ApplicationRequests.Dibao(TestIds.New("361102"), "361102", relative));
        var flag = await Eventually.ReturnsAsync(
            async () => (await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/oversight/flags?county=361102&rule=relative-application&pageSize=100"))
                .GetProperty("items").EnumerateArray().FirstOrDefault(f => f.GetProperty("evidence").GetProperty("application").GetGuid() == applicationId),
            f => f.ValueKind == JsonValueKind.Object, "the relationship flag to be raised");
        Assert.DoesNotContain(relative, flag.GetRawText(), StringComparison.Ordinal);
        var flagId = flag.GetProperty("flagId").GetGuid();

        using var supervisor = await driver.NewPersonAsync("supervisor", "361100");
        using (var early = await supervisor.PostAsJsonAsync($"/api/oversight/flags/{flagId}/dismissal", new { reasons = "无" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, early);
        }

        using (var taken = await supervisor.PostAsync($"/api/oversight/flags/{flagId}/take", null))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, taken);
        }

        using (var noReasons = await supervisor.PostAsJsonAsync($"/api/oversight/flags/{flagId}/confirmation", new { reasons = "" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.BadRequest, noReasons);
        }

        using (var confirmed = await supervisor.PostAsJsonAsync($"/api/oversight/flags/{flagId}/confirmation", new { reasons = "经办人未回避，已改由其他经办人办理。", recoveryAmount = 0m }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, confirmed);
            Assert.Equal("confirmed", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task One_phone_on_two_unrelated_households_raises_one_flag()
    {
        var driver = new ProcedureDriver(platform);
        var phone = $"137{Random.Shared.Next(10_000_000, 99_999_999)}";
        var ids = new List<Guid>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var application = ApplicationRequests.Dibao(TestIds.New("361102"), "361102");
            application["applicant"] = new { idNumber = ((Dictionary<string, object?>)((List<object>)application["members"]!)[0])["idNumber"], name = "张三", phone };
            ids.Add(await driver.SubmitAsync(application));
        }

        var flag = await Eventually.ReturnsAsync(
            async () => (await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/oversight/flags?county=361102&rule=shared-phone&pageSize=100"))
                .GetProperty("items").EnumerateArray().FirstOrDefault(f => f.GetProperty("evidence").GetProperty("applications").EnumerateArray().Select(a => a.GetGuid()).Intersect(ids).Count() == 2),
            f => f.ValueKind == JsonValueKind.Object, "the shared-phone flag");
        Assert.DoesNotContain(phone, flag.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_household_is_on_its_village_and_townships_public_list_masked_and_the_county_publishes_its_numbers()
    {
        var driver = new ProcedureDriver(platform);
        var (staff, countyApprover) = await driver.NewStaffAsync("361102001");
        using var staffClients = staff;
        using var approverClient = countyApprover;
        using var anonymous = platform.AnonymousGateway();
        var countyName = (await anonymous.GetFromJsonAsync<JsonElement>("/public/oversight/publicity?county=361102")).GetProperty("countyName").GetString();
        Assert.False(string.IsNullOrEmpty(countyName));

        var applicant = TestIds.New("361102");
        var application = ApplicationRequests.Dibao(applicant, "361102", TestIds.New("361102"));
        application["residenceTownship"] = "361102001";
        var refused = ApplicationRequests.Dibao(TestIds.New("361102"), "361102");
        refused["residenceTownship"] = "361102001";
        await driver.EnrolAsync(application, staff);

        var entry = await Eventually.ReturnsAsync(
            async () => (await anonymous.GetFromJsonAsync<JsonElement>("/public/oversight/recipients?unit=361102001&pageSize=100"))
                .GetProperty("recipients").GetProperty("items").EnumerateArray()
                .FirstOrDefault(r => r.GetProperty("idNumber").GetString() == $"{applicant[..6]}********{applicant[^4..]}"),
            r => r.ValueKind == JsonValueKind.Object, "the recipient on the township's public list");
        Assert.Equal("张*", entry.GetProperty("name").GetString());
        Assert.Equal(2, entry.GetProperty("householdSize").GetInt32());
        Assert.Equal("dibao", entry.GetProperty("category").GetString());

        // A household only applying is not on it (its proposal is eligibility's list, while under disclosure).
        var pending = await driver.SubmitAsync(refused);
        var list = await anonymous.GetStringAsync("/public/oversight/recipients?unit=361102001&pageSize=100");
        Assert.DoesNotContain(applicant, list, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, pending);

        using (var invalid = await anonymous.GetAsync("/public/oversight/recipients?unit=999999"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        // What R18 publishes, all without a token.
        var publicity = await anonymous.GetFromJsonAsync<JsonElement>("/public/oversight/publicity?county=361102");
        Assert.False(string.IsNullOrEmpty(publicity.GetProperty("hotline").GetString()));
        Assert.True(publicity.GetProperty("procedure").GetArrayLength() >= 5);
        using (var standards = await anonymous.GetAsync(publicity.GetProperty("standards").GetString()))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, standards);
        }

        using (var qr = await anonymous.GetAsync(publicity.GetProperty("qrCode").GetString()))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, qr);
            Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_recipients_costly_car_and_a_member_in_prison_reported_by_departments_raise_flags()
    {
        var driver = new ProcedureDriver(platform);
        var (staff, countyApprover) = await driver.NewStaffAsync("361102001");
        using var staffClients = staff;
        using var approverClient = countyApprover;
        var applicant = TestIds.New("361102");
        var spouse = TestIds.New("361102");
        var application = ApplicationRequests.Dibao(applicant, "361102", spouse);
        application["residenceTownship"] = "361102001";
        var recipientId = await driver.EnrolAsync(application, staff);
        using var anonymous = platform.AnonymousGateway();
        await Eventually.ReturnsAsync(async () => await anonymous.GetStringAsync("/public/oversight/recipients?unit=361102001&pageSize=100"),
            l => l!.Contains($"{applicant[..6]}********{applicant[^4..]}", StringComparison.Ordinal), "oversight to know the recipient");

        using (var cars = await platform.Gateway.PostAsJsonAsync("/api/eligibility/feeds/vehicles",
                   new { records = new object[] { new { idNumber = applicant, name = "张三", signal = "vehicle-owned", amount = 120_000m }, new { idNumber = spouse, name = "李四", signal = "vehicle-owned", amount = 8_000m } } }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, cars);
        }

        using (var prison = await platform.Gateway.PostAsJsonAsync("/api/eligibility/feeds/public-security", new { records = new[] { new { idNumber = spouse, name = "李四", signal = "imprisoned" } } }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, prison);
        }

        var flags = await Eventually.ReturnsAsync(
            async () => (await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/oversight/flags?county=361102&pageSize=100")).GetProperty("items").EnumerateArray()
                .Where(f => f.GetProperty("evidence").TryGetProperty("recipient", out var r) && r.GetGuid() == recipientId).ToList(),
            f => f!.Count >= 2, "the asset and prison flags");
        var asset = Assert.Single(flags, f => f.GetProperty("rule").GetString() == "assets-above-limit"); // the cheap car is within the limit
        Assert.Equal(120_000m, asset.GetProperty("evidence").GetProperty("amount").GetDecimal());
        Assert.Single(flags, f => f.GetProperty("rule").GetString() == "imprisoned-on-roster");
    }
}
