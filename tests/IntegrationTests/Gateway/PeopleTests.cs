using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>
/// People sign in (issue 16): the authorization code flow with PKCE through the gateway's sign-in
/// pages, lockout, the approvers' second factor, and a table of what each role may and may not do.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PeopleTests(PlatformFixture platform)
{
    private PersonSignIn SignIn => new(platform.App.GetEndpoint(ResourceNames.Gateway, "http"));

    private static JsonElement Claims(JsonElement token) => PersonSignIn.ClaimsOf(token.GetProperty("access_token").GetString()!);

    private static string[] Values(JsonElement claims, string name) =>
        !claims.TryGetProperty(name, out var value) ? [] : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)] : [value.GetString()!];

    [Fact]
    public async Task A_caseworker_signs_in_with_the_code_flow_and_acts_for_their_county_only()
    {
        var token = await SignIn.SignInAsync(DevelopmentPeople.Caseworker);

        var claims = Claims(token);
        Assert.Equal("361102001", claims.GetProperty("unit").GetString()); // 水南街道
        Assert.Equal(["township-caseworker"], Values(claims, "role"));
        Assert.Equal(["361102"], Values(claims, "county"));
        Assert.Contains("intake.write", claims.GetProperty("scope").GetString()!.Split(' '));
        Assert.DoesNotContain("payments.operate", claims.GetProperty("scope").GetString()!.Split(' '));
        Assert.NotEqual(DevelopmentPeople.Caseworker, claims.GetProperty("sub").GetString()); // the person's id, not a name

        using var client = new HttpClient { BaseAddress = platform.App.GetEndpoint(ResourceNames.Gateway, "http") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        using var own = await client.GetAsync("/api/intake/applications?county=361102");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var other = await client.GetAsync("/api/intake/applications?county=361103");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task A_code_is_good_once_and_only_with_its_verifier_and_registered_address()
    {
        var signIn = SignIn;
        using var browser = signIn.Browser();
        var (verifier, challenge) = PersonSignIn.Pkce();
        using var authorize = await browser.GetAsync(PersonSignIn.AuthorizePath(challenge, "s2"));
        using var login = await PersonSignIn.SubmitAsync(browser, authorize.Headers.Location!.OriginalString,
            new() { ["userName"] = DevelopmentPeople.Coordinator, ["password"] = DevelopmentPeople.Password });
        using var back = await browser.GetAsync(login.Headers.Location!.OriginalString);
        var callback = back.Headers.Location!.OriginalString;
        Assert.Contains("state=s2", callback, StringComparison.Ordinal);
        var code = PersonSignIn.CodeOf(callback);

        await Assert.ThrowsAsync<InvalidOperationException>(() => PersonSignIn.RedeemAsync(browser, code, PersonSignIn.Pkce().Verifier)); // another verifier
        var token = await PersonSignIn.RedeemAsync(browser, code, verifier);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("access_token").GetString()));
        var replay = await Assert.ThrowsAsync<InvalidOperationException>(() => PersonSignIn.RedeemAsync(browser, code, verifier));
        Assert.Contains("invalid_grant", replay.Message, StringComparison.Ordinal);

        // Without PKCE, or to an address not registered for the client: no code at all.
        using var noPkce = await browser.GetAsync($"/connect/authorize?response_type=code&client_id={PersonSignIn.ClientId}&redirect_uri={Uri.EscapeDataString(PersonSignIn.RedirectUri)}&state=x");
        Assert.Equal(HttpStatusCode.BadRequest, noPkce.StatusCode);
        using var elsewhere = await browser.GetAsync(PersonSignIn.AuthorizePath(challenge, "s3", redirectUri: "https://attacker.example/cb"));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        using var system = await browser.GetAsync(PersonSignIn.AuthorizePath(challenge, "s4", clientId: DevelopmentClients.Province));
        Assert.Equal(HttpStatusCode.BadRequest, system.StatusCode);
    }

    [Fact]
    public async Task An_approver_needs_the_authenticator_code_after_the_password()
    {
        var signIn = SignIn;
        using var browser = signIn.Browser();
        var (_, challenge) = PersonSignIn.Pkce();
        using var authorize = await browser.GetAsync(PersonSignIn.AuthorizePath(challenge, "s5"));
        using var login = await PersonSignIn.SubmitAsync(browser, authorize.Headers.Location!.OriginalString,
            new() { ["userName"] = DevelopmentPeople.Approver, ["password"] = DevelopmentPeople.Password });
        var next = login.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/second-factor", next, StringComparison.Ordinal);

        // The password alone signs nobody in: the authorization endpoint still sends to the sign-in page.
        using var tooEarly = await browser.GetAsync(PersonSignIn.AuthorizePath(challenge, "s5"));
        Assert.StartsWith("/account/login", tooEarly.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var wrong = await PersonSignIn.SubmitAsync(browser, next, new() { ["code"] = "000000" == PersonSignIn.CurrentCode() ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var token = await signIn.SignInAsync(DevelopmentPeople.Approver);
        Assert.Equal(["county-approver"], Values(Claims(token), "role"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_a_person_out_until_an_administrator_unlocks()
    {
        using var admin = await SignIn.ClientAsync(DevelopmentPeople.Admin);
        var userName = $"lockout-{Guid.NewGuid():N}"[..20];
        using (var created = await admin.PostAsJsonAsync("/api/people", new
        {
            userName, displayName = "钱经办", unit = "361102001", roles = new[] { "township-caseworker" }, password = "Xinzhou-2026-pass!",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var signIn = SignIn;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var browser = signIn.Browser();
            using var authorize = await browser.GetAsync(PersonSignIn.AuthorizePath(PersonSignIn.Pkce().Challenge, "s6"));
            using var wrong = await PersonSignIn.SubmitAsync(browser, authorize.Headers.Location!.OriginalString, new() { ["userName"] = userName, ["password"] = "not-the-password" });
            Assert.Equal(attempt < 5 ? HttpStatusCode.Unauthorized : (HttpStatusCode)423, wrong.StatusCode);
        }

        var locked = await Assert.ThrowsAsync<InvalidOperationException>(() => signIn.SignInAsync(userName, "Xinzhou-2026-pass!"));
        Assert.Contains("423", locked.Message, StringComparison.Ordinal);

        var people = await admin.GetFromJsonAsync<JsonElement>("/api/people?unit=361102001&pageSize=100");
        var person = people.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("userName").GetString() == userName);
        Assert.Equal(JsonValueKind.String, person.GetProperty("lockedOutUntil").ValueKind);
        using (var unlock = await admin.PostAsync($"/api/people/{person.GetProperty("personId").GetString()}/unlock", null))
        {
            Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        }

        var token = await signIn.SignInAsync(userName, "Xinzhou-2026-pass!");
        Assert.Equal("361102001", Claims(token).GetProperty("unit").GetString());
    }

    [Fact]
    public async Task A_role_is_held_only_at_a_unit_of_its_level_and_an_approver_gets_an_authenticator()
    {
        using var admin = await SignIn.ClientAsync(DevelopmentPeople.Admin);
        using var wrongLevel = await admin.PostAsJsonAsync("/api/people", new
        {
            userName = "wrong-level", displayName = "错级别", unit = "361102", roles = new[] { "township-caseworker" }, password = "Xinzhou-2026-pass!",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrongLevel.StatusCode);
        Assert.True((await wrongLevel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("roles[0]", out _));

        var userName = $"approver-{Guid.NewGuid():N}"[..20];
        using var approver = await admin.PostAsJsonAsync("/api/people", new
        {
            userName, displayName = "冯审批", unit = "361103", roles = new[] { "county-approver" }, password = "Guangfeng-2026-pass!",
        });
        Assert.Equal(HttpStatusCode.Created, approver.StatusCode);
        var key = (await approver.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authenticator").GetProperty("key").GetString()!;
        var token = await SignIn.SignInAsync(userName, "Guangfeng-2026-pass!", key);
        Assert.Equal(["361103"], Values(Claims(token), "county"));
    }

    [Fact]
    public async Task A_county_administrator_keeps_the_people_of_their_county_and_a_county_auditor_reads_their_countys_trail()
    {
        using var admin = await SignIn.ClientAsync(DevelopmentPeople.Admin);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var countyAdmin = await CreateAsync(admin, $"adm-{suffix}", "361102", "administrator");
        var countyAuditor = await CreateAsync(admin, $"aud-{suffix}", "361103", "auditor");

        var token = await SignIn.SignInAsync($"adm-{suffix}", "Xinzhou-2026-pass!", countyAdmin);
        using var xinzhou = new HttpClient { BaseAddress = platform.App.GetEndpoint(ResourceNames.Gateway, "http") };
        xinzhou.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        using (var own = await xinzhou.PostAsJsonAsync("/api/people", new { userName = $"cw-{suffix}", displayName = "褚经办", unit = "361102002", roles = new[] { "township-caseworker" }, password = "Xinzhou-2026-pass!" }))
        {
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        }

        using (var other = await xinzhou.PostAsJsonAsync("/api/people", new { userName = $"gf-{suffix}", displayName = "卫经办", unit = "361103001", roles = new[] { "township-caseworker" }, password = "Guangfeng-2026-pass!" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode); // 广丰区 is not theirs
        }

        var listed = (await xinzhou.GetFromJsonAsync<JsonElement>("/api/people?pageSize=100")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("unit").GetString()!).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, unit => Assert.StartsWith("361102", unit, StringComparison.Ordinal));

        // The 广丰区 auditor reads 广丰区's trail and the records of no county, never 信州区's.
        using var auditor = await SignIn.ClientAsync($"aud-{suffix}", "Guangfeng-2026-pass!");
        var trail = (await auditor.GetFromJsonAsync<JsonElement>("/api/intake/audit?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.All(trail, e => Assert.True(e.GetProperty("county").ValueKind == JsonValueKind.Null || e.GetProperty("county").GetString() == "361103"));
        using var xinzhouTrail = await auditor.GetAsync("/api/intake/audit?county=361102");
        Assert.Equal(HttpStatusCode.Forbidden, xinzhouTrail.StatusCode);
    }

    /// <summary>Adds a person as the province's administrator; returns the authenticator key when the role needs one.</summary>
    private static async Task<string?> CreateAsync(HttpClient admin, string userName, string unit, string role)
    {
        using var created = await admin.PostAsJsonAsync("/api/people", new
        {
            userName, displayName = "测试人员", unit, roles = new[] { role }, password = unit == "361103" ? "Guangfeng-2026-pass!" : "Xinzhou-2026-pass!",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("authenticator").ValueKind == JsonValueKind.Object ? body.GetProperty("authenticator").GetProperty("key").GetString() : null;
    }

    public static TheoryData<string, string, string, bool> RoleTable() => new()
    {
        // person, method, path, allowed (past the access rules: anything but 401/403)
        { DevelopmentPeople.Coordinator, "GET", "/api/intake/applications?county=361102", true },
        { DevelopmentPeople.Coordinator, "POST", "/api/intake/leads", true },
        { DevelopmentPeople.Coordinator, "GET", "/api/relief/cases", true },
        { DevelopmentPeople.Coordinator, "POST", "/api/eligibility/policies/standards", false },
        { DevelopmentPeople.Coordinator, "GET", "/api/payments/payments", false },
        { DevelopmentPeople.Caseworker, "POST", "/api/intake/applications", true },
        { DevelopmentPeople.Caseworker, "GET", "/api/relief/cases", true },
        { DevelopmentPeople.Caseworker, "POST", "/api/eligibility/policies/standards", false },
        { DevelopmentPeople.Caseworker, "GET", "/api/payments/payments", false },
        { DevelopmentPeople.TownshipApprover, "GET", "/api/relief/cases", true },
        { DevelopmentPeople.TownshipApprover, "POST", "/api/intake/applications", false },
        { DevelopmentPeople.Approver, "GET", "/api/eligibility/roster", true },
        { DevelopmentPeople.Approver, "POST", "/api/payments/funds", false },
        { DevelopmentPeople.Finance, "GET", "/api/payments/payments", true },
        { DevelopmentPeople.Finance, "POST", "/api/relief/cases", false },
        { DevelopmentPeople.Finance, "GET", "/api/payments/payments?county=361103", false }, // another county
        { DevelopmentPeople.Supervisor, "GET", "/api/payments/payments?county=361103", true }, // every county of the city
        { DevelopmentPeople.Supervisor, "POST", "/api/intake/applications", false },
        { DevelopmentPeople.Supervisor, "GET", "/api/people", false },
        { DevelopmentPeople.Auditor, "GET", "/api/people", true },
        { DevelopmentPeople.Auditor, "GET", "/api/payments/payments", true },
        { DevelopmentPeople.Auditor, "POST", "/api/payments/funds", false },
        { DevelopmentPeople.Auditor, "POST", "/api/people", false },
        { DevelopmentPeople.Admin, "POST", "/api/people", true },
        { DevelopmentPeople.Admin, "POST", "/api/eligibility/policies/standards", true },
        { DevelopmentPeople.Admin, "POST", "/api/payments/funds", false },
        // The dibao and tekun procedure (issue 17) and payee accounts (issue 18).
        { DevelopmentPeople.Caseworker, "GET", "/api/eligibility/work-items", true },
        { DevelopmentPeople.Caseworker, "GET", "/api/eligibility/determinations", true },
        { DevelopmentPeople.TownshipApprover, "POST", "/api/eligibility/determinations/01900000-0000-7000-8000-000000000000/decision", true },
        { DevelopmentPeople.Coordinator, "GET", "/api/eligibility/work-items", false },
        { DevelopmentPeople.Finance, "POST", "/api/eligibility/determinations/01900000-0000-7000-8000-000000000000/decision", false },
        { DevelopmentPeople.Finance, "POST", "/api/payments/payees/361102198001011236/account", true },
        { DevelopmentPeople.Caseworker, "POST", "/api/payments/payees/361102198001011236/account", false },
    };

    [Theory]
    [MemberData(nameof(RoleTable))]
    public async Task Each_role_may_do_its_work_and_nothing_else(string person, string method, string path, bool allowed)
    {
        using var client = await SignIn.ClientAsync(person);
        // An empty body: an allowed write gets as far as validation (400), a refused one stops at the door (403).
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };
        using var response = await client.SendAsync(request);

        Assert.True(allowed != response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized,
            $"{person} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
