using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>The one door: tokens, scopes, counties, rate limits, body limits, idempotency and documents.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture platform)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_call_without_a_valid_token_is_refused_with_401_by_the_gateway_and_by_the_service_behind_it()
    {
        using var anonymous = platform.AnonymousGateway();
        using var none = await anonymous.GetAsync("/api/intake/applications");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("unauthenticated", (await ProblemAsync(none)).GetProperty("code").GetString());

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/intake/applications");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        using var refused = await anonymous.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Defence in depth: straight to the service, around the gateway.
        using var direct = platform.App.CreateHttpClient(ResourceNames.Intake);
        using var bypass = await direct.GetAsync("/api/intake/applications");
        Assert.Equal(HttpStatusCode.Unauthorized, bypass.StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_wrong_secret_and_a_scope_the_client_does_not_hold()
    {
        using var anonymous = platform.AnonymousGateway();
        using var wrongSecret = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DevelopmentClients.Frontend, ["client_secret"] = "guess",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal("invalid_client", (await ProblemAsync(wrongSecret)).GetProperty("error").GetString());

        using var wrongScope = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DevelopmentClients.Frontend,
            ["client_secret"] = DevelopmentClients.SecretOf(DevelopmentClients.Frontend), ["scope"] = "payments.operate",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, wrongScope.StatusCode);
        Assert.Equal("invalid_scope", (await ProblemAsync(wrongScope)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_client_without_the_scope_an_api_needs_gets_403_naming_the_scope_and_nothing_is_stored()
    {
        using var frontend = platform.ClientFor(DevelopmentClients.Frontend);
        var applicant = TestIds.New();
        using var submit = await frontend.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(applicant));
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
        var problem = await ProblemAsync(submit);
        Assert.Equal("insufficient_scope", problem.GetProperty("code").GetString());
        Assert.Contains("intake.write", problem.GetProperty("requiredScopes").EnumerateArray().Select(s => s.GetString()));

        using var cases = await frontend.GetAsync("/api/relief/cases");
        Assert.Equal(HttpStatusCode.Forbidden, cases.StatusCode);

        // Nothing was stored: the same person can apply at once with a client that may.
        using var accepted = await platform.Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(applicant));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task A_county_client_cannot_read_or_change_another_countys_applications_cases_payments_or_messages()
    {
        using var xinzhou = platform.ClientFor(DevelopmentClients.Xinzhou);

        // Another county's application, submitted by the province.
        var yushanPerson = TestIds.New("361123");
        using var submitted = await platform.Gateway.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.UninsuredUnemployed(yushanPerson, "361123"));
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();

        using var read = await xinzhou.GetAsync($"/api/intake/applications/{applicationId}");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal("county_not_permitted", (await ProblemAsync(read)).GetProperty("code").GetString());
        using var listOther = await xinzhou.GetAsync("/api/intake/applications?county=361123");
        Assert.Equal(HttpStatusCode.Forbidden, listOther.StatusCode);
        var own = await xinzhou.GetFromJsonAsync<JsonElement>("/api/intake/applications?pageSize=100");
        Assert.DoesNotContain(own.GetProperty("items").EnumerateArray(), a => a.GetProperty("applicationId").GetGuid() == applicationId);

        using var submitElsewhere = await xinzhou.PostAsJsonAsync("/api/intake/applications", ApplicationRequests.Dibao(TestIds.New("361123"), "361123"));
        Assert.Equal(HttpStatusCode.Forbidden, submitElsewhere.StatusCode);

        // Its relief case.
        var caseId = (await Eventually.ReturnsAsync(
            async () => (await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases?applicationId={applicationId}")).GetProperty("items").EnumerateArray().FirstOrDefault(),
            c => c.ValueKind == JsonValueKind.Object, "the case of the other county")).GetProperty("caseId").GetGuid();
        using var readCase = await xinzhou.GetAsync($"/api/relief/cases/{caseId}");
        Assert.Equal(HttpStatusCode.Forbidden, readCase.StatusCode);
        using var grant = await xinzhou.PostAsJsonAsync($"/api/relief/cases/{caseId}/grant", new { proposedBy = "信州区科员" });
        Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);
        var stillOpen = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/relief/cases/{caseId}");
        Assert.Equal("open", stillOpen.GetProperty("status").GetString());

        // Payments and messages of the other county.
        using var payments = await xinzhou.GetAsync("/api/payments/payments?county=361123");
        Assert.Equal(HttpStatusCode.Forbidden, payments.StatusCode);
        var message = await Eventually.ReturnsAsync(
            async () => (await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/inbox?idNumber={yushanPerson}")).GetProperty("items").EnumerateArray().FirstOrDefault(),
            m => m.ValueKind == JsonValueKind.Object, "the other county's inbox message");
        var theirs = await xinzhou.GetFromJsonAsync<JsonElement>($"/api/notifications/inbox?idNumber={yushanPerson}");
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
        using var markRead = await xinzhou.PostAsync($"/api/notifications/inbox/{message.GetProperty("messageId").GetGuid()}/read", null);
        Assert.Equal(HttpStatusCode.Forbidden, markRead.StatusCode);

        // The service refuses too when called around the gateway with the county client's token.
        using var direct = platform.App.CreateHttpClient(ResourceNames.Intake);
        var token = await TokenAsync(DevelopmentClients.Xinzhou);
        using var directRead = new HttpRequestMessage(HttpMethod.Get, $"/api/intake/applications/{applicationId}");
        directRead.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var directAnswer = await direct.SendAsync(directRead);
        Assert.Equal(HttpStatusCode.Forbidden, directAnswer.StatusCode);
    }

    private async Task<string> TokenAsync(string clientId)
    {
        using var anonymous = platform.AnonymousGateway();
        using var response = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = DevelopmentClients.SecretOf(clientId),
        }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after()
    {
        using var throttled = platform.ClientFor(DevelopmentClients.Throttled);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await throttled.GetAsync("/api/intake/applications?pageSize=1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
            Assert.Equal("rate_limited", (await ProblemAsync(limited)).GetProperty("code").GetString());
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 5, "at most the client's five requests a minute went through");
        // Other clients are not affected.
        using var other = await platform.Gateway.GetAsync("/api/intake/applications?pageSize=1");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Behind_the_web_frontend_each_visitor_has_their_own_per_address_limit()
    {
        // The web server calls the public APIs for its visitors from one address and names each visitor in
        // X-Forwarded-For; the gateway believes it from the addresses it trusts (Gateway:TrustedProxies).
        using var anonymous = platform.AnonymousGateway();
        async Task<HttpStatusCode> AsVisitorAsync(string visitor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/public/eligibility/standards");
            request.Headers.Add("X-Forwarded-For", visitor);
            using var response = await anonymous.SendAsync(request);
            return response.StatusCode;
        }

        var busy = $"203.0.113.{Random.Shared.Next(1, 250)}";
        var limited = false;
        for (var i = 0; i < 400 && !limited; i++)
        {
            limited = await AsVisitorAsync(busy) == HttpStatusCode.TooManyRequests;
        }

        Assert.True(limited, "one visitor's requests beyond the anonymous limit are refused");
        Assert.Equal(HttpStatusCode.OK, await AsVisitorAsync("198.51.100.7"));
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer_and_another_body_with_it_is_409()
    {
        var key = Guid.NewGuid().ToString();
        var body = ApplicationRequests.Dibao(TestIds.New());
        async Task<HttpResponseMessage> PostAsync(HttpClient client, object request)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications") { Content = JsonContent.Create(request) };
            message.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(message);
        }

        using var first = await PostAsync(platform.Gateway, body);
        using var again = await PostAsync(platform.Gateway, body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));

        using var changed = await PostAsync(platform.Gateway, ApplicationRequests.Dibao(TestIds.New()));
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("idempotency_key_reused", (await ProblemAsync(changed)).GetProperty("code").GetString());

        // Keys belong to their client: another client's same key is its own request.
        using var xinzhou = platform.ClientFor(DevelopmentClients.Xinzhou);
        using var otherClient = await PostAsync(xinzhou, ApplicationRequests.Dibao(TestIds.New()));
        Assert.Equal(HttpStatusCode.Accepted, otherClient.StatusCode);
        Assert.False(otherClient.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_it_reaches_a_service()
    {
        var padding = new string('x', 2 * 1024 * 1024);
        using var content = new StringContent($"{{\"padding\":\"{padding}\"}}", Encoding.UTF8, "application/json");
        using var response = await platform.Gateway.PostAsync("/api/intake/applications", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("body_too_large", problem.GetProperty("code").GetString());
        Assert.False(problem.TryGetProperty("exception", out _));
    }

    [Theory]
    [InlineData("intake", "/api/intake/applications")]
    [InlineData("eligibility", "/api/eligibility/policies/standards")]
    [InlineData("relief", "/api/relief/cases")]
    [InlineData("payments", "/api/payments/payments")]
    [InlineData("notification", "/api/notifications/inbox")]
    [InlineData("gateway", "/connect/token")]
    public async Task Every_openapi_document_loads_through_the_gateway_without_a_token(string document, string aPath)
    {
        using var anonymous = platform.AnonymousGateway();
        var json = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{document}.json");
        Assert.StartsWith("3.", json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("paths").TryGetProperty(aPath, out _), $"{document} describes {aPath}");
        Assert.Equal("oauth2", json.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task The_api_reference_is_served_at_docs_and_shows_request_examples()
    {
        using var anonymous = platform.AnonymousGateway();
        using var docs = await anonymous.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("scalar", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var intake = await anonymous.GetStringAsync("/openapi/intake.json");
        Assert.Contains("361102198001011236", intake, StringComparison.Ordinal); // the application example
    }

    [Fact]
    public async Task A_correlation_id_sent_is_returned_and_one_is_created_when_absent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/intake/applications?pageSize=1");
        request.Headers.Add("X-Correlation-Id", "walkthrough-42");
        using var response = await platform.Gateway.SendAsync(request);
        Assert.Equal("walkthrough-42", response.Headers.GetValues("X-Correlation-Id").Single());

        using var plain = await platform.Gateway.GetAsync("/api/intake/applications?pageSize=1");
        Assert.False(string.IsNullOrEmpty(plain.Headers.GetValues("X-Correlation-Id").Single()));
    }
}
