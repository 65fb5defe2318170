using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>
/// Every decision leaves a trail (issue 16): who (person, client or the platform), their unit, when,
/// which record, what changed; append-only in the database; queryable by auditors by person, record,
/// unit and time, and exportable as CSV.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditTrailTests(PlatformFixture platform)
{
    private static async Task<JsonElement[]> TrailAsync(HttpClient auditor, string path) =>
        [.. (await auditor.GetFromJsonAsync<JsonElement>(path)).GetProperty("items").EnumerateArray()];

    private static JsonElement Claims(string accessToken) => PersonSignIn.ClaimsOf(accessToken);

    [Fact]
    public async Task A_caseworkers_application_and_a_county_approvers_grant_are_on_the_trail_with_person_unit_and_change()
    {
        using var caseworker = await platform.ClientForPersonAsync(DevelopmentPeople.Caseworker);
        using var approver = await platform.ClientForPersonAsync(DevelopmentPeople.Approver);
        using var auditor = await platform.ClientForPersonAsync(DevelopmentPeople.Auditor);
        var caseworkerId = Claims(caseworker.DefaultRequestHeaders.Authorization!.Parameter!).GetProperty("sub").GetString()!;
        var approverId = Claims(approver.DefaultRequestHeaders.Authorization!.Parameter!).GetProperty("sub").GetString()!;

        var applicant = TestIds.New();
        var body = ApplicationRequests.UninsuredUnemployed(applicant, "361102");
        body["residenceTownship"] = "361102001"; // the caseworker's township
        using var submitted = await caseworker.PostAsJsonAsync("/api/intake/applications", body);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();

        var added = Assert.Single(await TrailAsync(auditor, $"/api/intake/audit?entityId={applicationId}&entity=Application&action=added"));
        Assert.Equal("person", added.GetProperty("actorKind").GetString());
        Assert.Equal(caseworkerId, added.GetProperty("actorId").GetString());
        Assert.Equal("361102001", added.GetProperty("actorUnit").GetString());
        Assert.Equal("361102", added.GetProperty("county").GetString());
        Assert.DoesNotContain(applicant, added.GetRawText(), StringComparison.Ordinal); // personal data masked on the trail

        // By person, and by unit (the township is inside the county, not inside another county).
        Assert.Contains(await TrailAsync(auditor, $"/api/intake/audit?actorId={caseworkerId}&pageSize=100"), e => e.GetProperty("entityId").GetString() == applicationId.ToString());
        Assert.Contains(await TrailAsync(auditor, $"/api/intake/audit?actorUnit=361102&entityId={applicationId}"), _ => true);
        Assert.Empty(await TrailAsync(auditor, $"/api/intake/audit?actorUnit=361103&entityId={applicationId}"));

        var cases = await Eventually.ReturnsAsync(async () => await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}"),
            c => c.GetProperty("total").GetInt32() == 1, "the case");
        var caseId = cases.GetProperty("items")[0].GetProperty("caseId").GetGuid();

        // The application's own move on the assessment is on the trail; its timeline steps and its updated_at are not
        // (a trail itself and the row's bookkeeping, [NotAudited], issue 22); nor notification's attempts and leases.
        var moved = await Eventually.ReturnsAsync(async () => await TrailAsync(auditor, $"/api/intake/audit?entityId={applicationId}&entity=Application&action=modified"),
            m => m is not null && m.Any(e => e.GetProperty("changes").TryGetProperty("Status", out _)), "the application's status change on the trail");
        Assert.All(moved, e => Assert.False(e.GetProperty("changes").TryGetProperty("UpdatedAt", out _)));
        async Task<long> CountAsync(string database, string sql)
        {
            await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        Assert.Equal(0, await CountAsync(ResourceNames.IntakeDb, "SELECT count(*) FROM audit_trail WHERE entity = 'TimelineEntry' OR changes ? 'UpdatedAt'"));
        // Nor a delivery's own changes (its attempts are its log; issue 22): only what a person does to one is.
        Assert.Equal(0, await CountAsync(ResourceNames.NotificationDb, "SELECT count(*) FROM audit_trail WHERE entity = 'DeliveryAttempt' OR changes ? 'LeaseUntil' OR entity = 'Delivery' AND actor_kind = 'system'"));
        using (var granted = await approver.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        var grant = Assert.Single(await TrailAsync(auditor, $"/api/relief/audit?entityId={caseId}&actorId={approverId}"));
        Assert.Equal("ReliefCase", grant.GetProperty("entity").GetString());
        Assert.Equal("361102", grant.GetProperty("actorUnit").GetString());
        var status = grant.GetProperty("changes").GetProperty("Status");
        Assert.Equal(("Open", "Granted"), (status.GetProperty("from").GetString(), status.GetProperty("to").GetString()));
        // The case was opened by the platform itself on the assessment's event.
        Assert.Contains(await TrailAsync(auditor, $"/api/relief/audit?entityId={caseId}"),
            e => e.GetProperty("action").GetString() == "added" && e.GetProperty("actorKind").GetString() == "system");

        // The payment's set-based steps are on the payments trail, under the workers (money for it first).
        using (var fund = await platform.Gateway.PostAsJsonAsync("/api/payments/funds", new { level = "county", name = "信州区临时救助资金（审计测试）", purposes = new[] { "temporary-assistance" } }))
        {
            var fundId = (await fund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fundId").GetGuid();
            using var allocated = await platform.Gateway.PostAsJsonAsync($"/api/payments/funds/{fundId}/allocations", new { county = "361102", amount = 100_000m });
            Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        }

        await Eventually.TrueAsync(async () => (await TrailAsync(auditor, "/api/payments/audit?entity=PaymentBatch&county=361102&pageSize=100"))
            .Any(e => e.GetProperty("action").GetString() == "batched" && e.GetProperty("actorKind").GetString() == "system"), "a batch on the payments trail");
    }

    [Fact]
    public async Task Policy_people_and_subscription_changes_are_on_their_services_trails()
    {
        using var admin = await platform.ClientForPersonAsync(DevelopmentPeople.Admin);
        using var auditor = await platform.ClientForPersonAsync(DevelopmentPeople.Auditor);
        var effective = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(400)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var standard = await admin.PostAsJsonAsync("/api/eligibility/policies/standards",
            new { county = "361129", areaType = "urban", kind = "dibao", monthlyAmount = 901.00m, effectiveFrom = effective, note = "audit test" }))
        {
            Assert.Equal(HttpStatusCode.Created, standard.StatusCode);
        }

        Assert.Contains(await TrailAsync(auditor, "/api/eligibility/audit?entity=CountyStandard&county=361129&pageSize=100"),
            e => e.GetProperty("changes").GetProperty("MonthlyAmount").GetDecimal() == 901.00m && e.GetProperty("actorUnit").GetString() == "360000");

        var userName = $"trail-{Guid.NewGuid():N}"[..18];
        using (var person = await admin.PostAsJsonAsync("/api/people", new { userName, displayName = "审计样例", unit = "361129", roles = new[] { "county-finance" }, password = "Wannian-2026-pass!" }))
        {
            Assert.Equal(HttpStatusCode.Created, person.StatusCode);
        }

        var people = await TrailAsync(auditor, "/api/people/audit?entity=Person&pageSize=100");
        Assert.Contains(people, e => e.GetProperty("action").GetString() == "added" && e.GetProperty("changes").GetProperty("Unit").GetString() == "361129");
        Assert.DoesNotContain(people, e => e.GetRawText().Contains("AQAAAA", StringComparison.Ordinal)); // no password hash on the trail

        using var subscription = await platform.Gateway.PostAsJsonAsync("/api/notifications/subscriptions",
            new { name = "审计订阅", callbackUrl = "https://example.gov.cn/hook", eventTypes = new[] { "application.received" }, counties = new[] { "361129" } });
        Assert.Equal(HttpStatusCode.Created, subscription.StatusCode);
        Assert.Contains(await TrailAsync(auditor, "/api/notifications/audit?entity=Subscription&pageSize=100"),
            e => e.GetProperty("actorKind").GetString() == "client" && e.GetProperty("actorId").GetString() == DevelopmentClients.Province);
    }

    [Fact]
    public async Task The_trail_exports_as_csv_refuses_non_auditors_and_cannot_be_rewritten()
    {
        using var auditor = await platform.ClientForPersonAsync(DevelopmentPeople.Auditor);
        using var caseworker = await platform.ClientForPersonAsync(DevelopmentPeople.Caseworker);
        var body = ApplicationRequests.Dibao(TestIds.New());
        body["residenceTownship"] = "361102001";
        using var submitted = await caseworker.PostAsJsonAsync("/api/intake/applications", body);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();

        using var export = await auditor.GetAsync($"/api/intake/audit/export.csv?entityId={applicationId}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // the BOM spreadsheet programs need for Chinese
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,at,actor_kind,actor_id,actor_name,actor_unit,entity,entity_id,action,county,changes", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines[1..], l => l.Contains(applicationId.ToString(), StringComparison.Ordinal) && l.Contains("李经办", StringComparison.Ordinal));

        using var refused = await caseworker.GetAsync("/api/intake/audit");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // Append-only in the database itself, whoever holds the service's credentials.
        var connectionString = await platform.App.GetConnectionStringAsync(ResourceNames.IntakeDb);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in (string[])["UPDATE audit_trail SET actor_name = 'someone else'", "DELETE FROM audit_trail", "TRUNCATE audit_trail"])
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refusedChange = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refusedChange.MessageText, StringComparison.Ordinal);
        }
    }
}
