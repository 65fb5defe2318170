using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Eligibility;

/// <summary>The staff of one township who run the procedure: its caseworker and its approver (approval is delegated to townships).</summary>
public sealed record TownshipStaff(string Township, HttpClient Caseworker, HttpClient Approver) : IDisposable
{
    public void Dispose()
    {
        Caseworker.Dispose();
        Approver.Dispose();
    }
}

/// <summary>
/// Drives a dibao or tekun application through its procedure (R3, R20) as the people of its township
/// do: the township caseworker investigates and proposes, the township approver decides once the
/// disclosure is over (the procedure's clock moved past it with X-Test-Clock).
/// </summary>
public sealed class ProcedureDriver(PlatformFixture platform)
{
    public const string TestClock = "X-Test-Clock";

    /// <summary>信州区's development caseworker and township approver (361102001).</summary>
    public async Task<TownshipStaff> XinzhouAsync() =>
        new("361102001", await platform.ClientForPersonAsync(DevelopmentPeople.Caseworker), await platform.ClientForPersonAsync(DevelopmentPeople.TownshipApprover));

    /// <summary>New people of another township (a caseworker, an approver with an authenticator, and the county's approver), made by the province's administrator.</summary>
    public async Task<(TownshipStaff Staff, HttpClient CountyApprover)> NewStaffAsync(string township)
    {
        var staff = new TownshipStaff(township, await NewPersonAsync("township-caseworker", township), await NewPersonAsync("township-approver", township));
        return (staff, await NewPersonAsync("county-approver", township[..6]));
    }

    /// <summary>A new person of <paramref name="role"/> at <paramref name="unit"/>, made by the province's administrator and signed in (with their authenticator where the role needs one).</summary>
    public async Task<HttpClient> NewPersonAsync(string role, string unit)
    {
        var (userName, key) = await CreatePersonAsync(role, unit, "Procedure-2026-pass!");
        // A browser of their own: a shared one would still hold the previous person's sign-in.
        return await new PersonSignIn(platform.App.GetEndpoint(ResourceNames.Gateway, "http")).ClientAsync(userName, "Procedure-2026-pass!", key);
    }

    /// <summary>A new person of <paramref name="role"/> at <paramref name="unit"/>, made by the province's administrator: their user name and authenticator key (for the roles that need one).</summary>
    public async Task<(string UserName, string? AuthenticatorKey)> CreatePersonAsync(string role, string unit, string password, string displayName = "测试人员")
    {
        using var admin = await platform.ClientForPersonAsync(DevelopmentPeople.Admin);
        var userName = $"{string.Concat(role.Split('-').Select(w => w[0]))}-{Guid.NewGuid().ToString("N")[..8]}";
        using var created = await admin.PostAsJsonAsync("/api/people", new { userName, displayName, unit, roles = new[] { role }, password });
        await ExpectAsync(HttpStatusCode.Created, created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (userName, body.GetProperty("authenticator").ValueKind == JsonValueKind.Object ? body.GetProperty("authenticator").GetProperty("key").GetString() : null);
    }

    /// <summary>Asserts the status, showing the problem's body when it differs.</summary>
    public static async Task ExpectAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<Guid> SubmitAsync(object application)
    {
        using var submitted = await platform.Gateway.PostAsJsonAsync("/api/intake/applications", application);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
    }

    /// <summary>The application's case, once eligibility has verified it.</summary>
    public Task<JsonElement> CaseAsync(Guid applicationId) =>
        Eventually.GetJsonAsync(platform.Gateway, $"/api/eligibility/applications/{applicationId}/determination");

    public static Guid IdOf(JsonElement determination) => determination.GetProperty("summary").GetProperty("determinationId").GetGuid();

    public static async Task<HttpResponseMessage> InvestigateAsync(HttpClient caseworker, Guid determinationId, string proposal = "eligible", string? reason = null, object[]? incomes = null) =>
        await caseworker.PostAsJsonAsync($"/api/eligibility/determinations/{determinationId}/investigation", new
        {
            visitedOn = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            visitors = new[] { "王五", "赵六" },
            findings = "家中无贵重物品，申请人在家，情况与申报基本一致。",
            proposal, reason, incomes,
        });

    public static async Task<HttpResponseMessage> DecideAsync(HttpClient approver, Guid determinationId, string decision, DateTimeOffset at, string? reason = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/eligibility/determinations/{determinationId}/decision") { Content = JsonContent.Create(new { decision, reason }) };
        request.Headers.Add(TestClock, at.ToString("O", CultureInfo.InvariantCulture));
        return await approver.SendAsync(request);
    }

    /// <summary>The moment the case's disclosure is over.</summary>
    public static DateTimeOffset AfterDisclosure(JsonElement determination) =>
        determination.GetProperty("summary").GetProperty("disclosureEndsAt") is { ValueKind: JsonValueKind.String } ends ? ends.GetDateTimeOffset().AddMinutes(1) : DateTimeOffset.UtcNow;

    /// <summary>Submitted, verified, investigated, disclosed and approved: the new recipient's id.</summary>
    public async Task<Guid> EnrolAsync(object application, TownshipStaff staff) => await ApproveAsync(await SubmitAsync(application), staff);

    /// <summary>A submitted application enrolled by 信州区's development staff (the application names no township, or 361102001).</summary>
    public async Task<Guid> ApproveInXinzhouAsync(Guid applicationId)
    {
        using var staff = await XinzhouAsync();
        return await ApproveAsync(applicationId, staff);
    }

    /// <summary>A submitted application proposed not eligible and refused by 信州区's development staff.</summary>
    public async Task RefuseInXinzhouAsync(Guid applicationId, string reason)
    {
        using var staff = await XinzhouAsync();
        var id = IdOf(await CaseAsync(applicationId));
        using var investigated = await InvestigateAsync(staff.Caseworker, id, "not-eligible", reason);
        Assert.Equal(HttpStatusCode.OK, investigated.StatusCode);
        using var decided = await DecideAsync(staff.Approver, id, "reject", DateTimeOffset.UtcNow, reason);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
    }

    /// <summary>Investigated, disclosed and approved: the new recipient's id.</summary>
    public async Task<Guid> ApproveAsync(Guid applicationId, TownshipStaff staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var id = IdOf(await CaseAsync(applicationId));
        using var investigated = await InvestigateAsync(staff.Caseworker, id);
        await ExpectAsync(HttpStatusCode.OK, investigated);
        var proposed = await investigated.Content.ReadFromJsonAsync<JsonElement>();
        using var decided = await DecideAsync(staff.Approver, id, "approve", AfterDisclosure(proposed));
        await ExpectAsync(HttpStatusCode.OK, decided);
        return (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recipientId").GetGuid();
    }
}
