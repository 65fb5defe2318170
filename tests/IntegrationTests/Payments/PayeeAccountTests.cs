using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Payments;

/// <summary>Payee accounts through the gateway (issue 18): checked, confirmed by a second person, encrypted at rest, paid to, found when shared.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PayeeAccountTests(PlatformFixture platform)
{
    private const string Number = "6217001234567890122"; // CCB, 19 digits, Luhn check digit right

    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task An_account_is_checked_confirmed_by_a_second_person_stored_encrypted_paid_to_and_found_when_two_households_share_it()
    {
        // 婺源县 (and 鄱阳县 in the next test): each test's households' payments wait for money until the test allocates it.
        var driver = new ProcedureDriver(platform);
        var (staff, countyApprover) = await driver.NewStaffAsync("361130001");
        using var staffClients = staff;
        using var approverClient = countyApprover;
        var applicant = TestIds.New("361130");
        var application = ApplicationRequests.Dibao(applicant, "361130", TestIds.New("361130"));
        application["residenceTownship"] = "361130001";
        var recipientId = await driver.EnrolAsync(application, staff);
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var reference = $"dibao:{recipientId}:{month}";
        await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
            p => p.GetProperty("total").GetInt32() == 1, "the month's payment to be instructed");

        using var entering = await driver.NewPersonAsync("county-finance", "361130");
        using var confirming = await driver.NewPersonAsync("county-finance", "361130");
        var path = $"/api/payments/payees/{applicant}/account";

        using (var stranger = await entering.PostAsJsonAsync(path, new { holderName = "王五", kind = "bank-card", bankCode = "CCB", accountNumber = Number, reason = "首次登记" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.UnprocessableEntity, stranger); // the holder is not the payee
            Assert.Equal("holder_mismatch", (await stranger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        using (var mistyped = await entering.PostAsJsonAsync(path, new { holderName = "张三", kind = "bank-card", bankCode = "CCB", accountNumber = Number[..^1] + "3", reason = "首次登记" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.BadRequest, mistyped);
            Assert.True((await mistyped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("accountNumber", out _));
        }

        using (var entered = await entering.PostAsJsonAsync(path, new { holderName = "张三", kind = "bank-card", bankCode = "CCB", accountNumber = Number, reason = "首次登记" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, entered);
            var body = await entered.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Number, body, StringComparison.Ordinal);
            Assert.Contains("**** **** **** 0122", body, StringComparison.Ordinal);
        }

        using (var ownConfirmation = await entering.PostAsync($"{path}/confirmation", null))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Conflict, ownConfirmation);
            Assert.Equal("same_person", (await ownConfirmation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        using (var confirmed = await confirming.PostAsync($"{path}/confirmation", null))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, confirmed);
        }

        Assert.Equal("active", (await entering.GetFromJsonAsync<JsonElement>(path)).GetProperty("active").GetProperty("status").GetString());

        // At rest: neither the account table nor the audit trail holds the number.
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.PaymentsDb));
        await connection.OpenAsync();
        foreach (var sql in (string[])["SELECT string_agg(t::text, '|') FROM payee_accounts t", "SELECT string_agg(t::text, '|') FROM audit_trail t WHERE entity = 'PayeeAccount'"])
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var text = (await command.ExecuteScalarAsync()) as string ?? "";
            Assert.DoesNotContain(Number, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Number[..12], text, StringComparison.Ordinal);
        }

        // Money arrives; the bank's file carries the account on the payee's line.
        using (var fund = await Gateway.PostAsJsonAsync("/api/payments/funds", new { level = "provincial", name = "省级低保资金（婺源）", purposes = new[] { "dibao" } }))
        {
            var fundId = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
            using var allocated = await Gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county = "361130", amount = 1_000_000m, weighting = "常规", allocatedBy = "省财政厅" });
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, allocated);
        }

        await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
            p => p.GetProperty("items")[0].GetProperty("status").GetString() == "settled", "the payment to reach the bank and settle", TimeSpan.FromSeconds(90));
        // End to end through the file-drop connector: payments left the batch file in the outgoing folder, the
        // bank collected it, and its result file, read and recorded by payments, went to incoming/processed.
        var collected = Directory.GetFiles(Path.Combine(platform.BankFolder, "outgoing", "collected"), "*.csv")
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Text: File.ReadAllText(f)))
            .Single(f => f.Text.Contains(reference, StringComparison.Ordinal));
        Assert.StartsWith($"#batch,{collected.Name},", collected.Text, StringComparison.Ordinal);
        var line = collected.Text.Split('\n').Single(l => l.StartsWith(reference, StringComparison.Ordinal));
        Assert.Contains($",{Number},CCB,", line, StringComparison.Ordinal);
        var processed = Path.Combine(platform.BankFolder, "incoming", "processed", $"{collected.Name}.results.csv");
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(processed)), "the result file to be moved aside once recorded");
        Assert.Contains($"{reference}#1,settled", await File.ReadAllTextAsync(processed), StringComparison.Ordinal);

        // The same account entered for an unrelated household is found by its keyed hash (R20).
        var other = TestIds.New("361130");
        var second = ApplicationRequests.Dibao(other, "361130", TestIds.New("361130"));
        second["residenceTownship"] = "361130001";
        await driver.EnrolAsync(second, staff);
        await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?idNumber={other}"),
            p => p.GetProperty("total").GetInt32() >= 1, "the second household's payment");
        using (var entered = await entering.PostAsJsonAsync($"/api/payments/payees/{other}/account", new { holderName = "张三", kind = "bank-card", bankCode = "CCB", accountNumber = Number, reason = "首次登记" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, entered);
        }

        using (var confirmed = await confirming.PostAsync($"/api/payments/payees/{other}/account/confirmation", null))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, confirmed);
        }

        var shared = await confirming.GetFromJsonAsync<JsonElement>("/api/payments/accounts/shared");
        var entry = shared.EnumerateArray().Single(s => s.GetProperty("number").GetString() == "**** **** **** 0122" && s.GetProperty("counties").EnumerateArray().Any(c => c.GetString() == "361130"));
        Assert.Equal(2, entry.GetProperty("payees").GetInt32());
        Assert.DoesNotContain(applicant, shared.GetRawText(), StringComparison.Ordinal);

        // Oversight's rule (R20, issue 19): one account on payees of unrelated households is a flag to investigate.
        var masked = $"{other[..6]}********{other[^4..]}";
        await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>("/api/oversight/flags?county=361130&rule=shared-account&pageSize=100"),
            f => f.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("evidence").GetProperty("payees").EnumerateArray().Any(p => p.GetString() == masked)),
            "the shared-account flag");
    }

    [Fact]
    public async Task Money_sent_back_puts_the_account_in_correction_tells_the_township_and_is_paid_again_once_a_corrected_account_is_confirmed()
    {
        var driver = new ProcedureDriver(platform);
        var (staff, countyApprover) = await driver.NewStaffAsync("361128100");
        using var staffClients = staff;
        using var approverClient = countyApprover;
        // The sandbox bank settles lines of payees named 退回… and then sends the money back (account closed).
        var applicant = TestIds.New("361128");
        var application = ApplicationRequests.Dibao(applicant, "361128", TestIds.New("361128"));
        application["residenceTownship"] = "361128100";
        application["applicant"] = new { idNumber = applicant, name = "退回张三", phone = "13812345678" };
        ((Dictionary<string, object?>)((List<object>)application["members"]!)[0])["name"] = "退回张三";
        var recipientId = await driver.EnrolAsync(application, staff);
        var reference = $"dibao:{recipientId}:{DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

        using var entering = await driver.NewPersonAsync("county-finance", "361128");
        using var confirming = await driver.NewPersonAsync("county-finance", "361128");
        var path = $"/api/payments/payees/{applicant}/account";
        await EnterAndConfirmAsync(entering, confirming, path, "退回张三", "CCB", Number);

        using (var fund = await Gateway.PostAsJsonAsync("/api/payments/funds", new { level = "provincial", name = "省级低保资金（鄱阳）", purposes = new[] { "dibao" } }))
        {
            var fundId = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
            using var allocated = await Gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county = "361128", amount = 1_000_000m, weighting = "常规", allocatedBy = "省财政厅" });
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, allocated);
        }

        await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
            p => p.GetProperty("items")[0].GetProperty("status").GetString() == "returned", "the money to come back", TimeSpan.FromSeconds(90));

        // The account is to be corrected, and the township has it in its queue.
        Assert.Equal("needs-correction", (await entering.GetFromJsonAsync<JsonElement>(path)).GetProperty("needsCorrection").GetProperty("status").GetString());
        var item = await Eventually.ReturnsAsync(async () => await staff.Caseworker.GetFromJsonAsync<JsonElement>($"/api/eligibility/work-items?subjectId={recipientId}&kind=correct-account"),
            w => w.GetProperty("total").GetInt32() == 1, "the township's work item");
        Assert.Equal("361128100", item.GetProperty("items")[0].GetProperty("unit").GetString());
        var itemId = item.GetProperty("items")[0].GetProperty("workItemId").GetGuid();

        // A corrected account, confirmed by a second person: the returned payment goes out again, as a new attempt of the same payment.
        await EnterAndConfirmAsync(entering, confirming, path, "退回张三", "ABC", "6228480012345671");
        var reissued = await Eventually.ReturnsAsync(async () => await Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?reference={Uri.EscapeDataString(reference)}"),
            p => p.GetProperty("items")[0].GetProperty("attempts").GetInt32() >= 1, "the payment to be reissued");
        Assert.Equal(1, reissued.GetProperty("total").GetInt32());
        // Its item is done (the sandbox sends this payee's money back every time, so a new one may open: not this one).
        await Eventually.ReturnsAsync(async () => await staff.Caseworker.GetFromJsonAsync<JsonElement>($"/api/eligibility/work-items?subjectId={recipientId}&kind=correct-account"),
            w => w.GetProperty("items").EnumerateArray().All(i => i.GetProperty("workItemId").GetGuid() != itemId), "the work item to close");
    }

    private static async Task EnterAndConfirmAsync(HttpClient entering, HttpClient confirming, string path, string holder, string bank, string number)
    {
        using (var entered = await entering.PostAsJsonAsync(path, new { holderName = holder, kind = "bank-card", bankCode = bank, accountNumber = number, reason = "登记或更正" }))
        {
            await ProcedureDriver.ExpectAsync(HttpStatusCode.Created, entered);
        }

        using var confirmed = await confirming.PostAsync($"{path}/confirmation", null);
        await ProcedureDriver.ExpectAsync(HttpStatusCode.OK, confirmed);
    }
}
