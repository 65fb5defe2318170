using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>
/// No 500 for a client's mistake (issue 14): <c>page=2147483647</c> answered 500 on all eight lists.
/// Every operation the gateway publishes is walked with hostile values for each query parameter and
/// each body field (out-of-range and huge numbers, overlong strings, wrong types, control and
/// direction characters, dates in year 1 and 9999); every answer must be a 4xx problem (or a success
/// the value was harmless for), never a 5xx.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HostileInputTests(PlatformFixture platform)
{
    /// <summary>Operations whose success pays the whole roster: their bodies are not walked (their query parameters are).</summary>
    private static readonly string[] NotWalkedBodies = ["/api/relief/campaigns/one-time-living-subsidy", "/api/relief/campaigns/price-subsidy", "/api/eligibility/monthly-runs"];

    private static readonly string[] HostileQueryValues =
    [
        "2147483647", "-2147483648", "99999999999999999999999", "-1", "0", "abc", "1e308", "NaN", "true",
        new string('9', 4000), "\u202E361102", "%00", "\u0000", "0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-08:00", "00000000-0000-0000-0000-000000000000",
    ];

    private static IEnumerable<JsonNode?> HostileJsonValues() =>
    [
        JsonValue.Create(2147483648L), JsonValue.Create(-2147483649L), JsonValue.Create(1e308), JsonValue.Create(-1e308),
        JsonValue.Create(decimal.MaxValue), JsonValue.Create(-1), JsonValue.Create(0),
        JsonValue.Create(new string('长', 100_000)), JsonValue.Create("\u202E\u200B\u0000\u0007"), JsonValue.Create("<script>alert(1)</script>'; DROP TABLE x;--"),
        JsonValue.Create(true), new JsonArray(JsonValue.Create(1)), new JsonObject { ["x"] = 1 }, null,
        JsonValue.Create("0001-01-01T00:00:00+08:00"), JsonValue.Create("9999-12-31T23:59:59-08:00"), JsonValue.Create("0001-01-01"), JsonValue.Create("9999-12-31"),
    ];

    [Fact]
    public async Task Page_2147483647_is_a_400_naming_the_page_on_every_list()
    {
        var lists = (await ApiOperation.LoadAsync(platform)).Where(o => o.QueryParameters.Any(p => p.GetProperty("name").GetString() == "page")).ToList();
        Assert.True(lists.Count >= 8, $"only {lists.Count} paged lists");
        foreach (var list in lists)
        {
            using var response = await platform.Gateway.GetAsync($"{list.Path()}?page=2147483647&pageSize=100");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{list} answered {(int)response.StatusCode}");
            Assert.Contains("\"page\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_query_values_never_get_a_5xx()
    {
        var failures = new List<string>();
        foreach (var operation in await ApiOperation.LoadAsync(platform))
        {
            foreach (var parameter in operation.QueryParameters.Select(p => p.GetProperty("name").GetString()!))
            {
                foreach (var value in HostileQueryValues)
                {
                    var path = $"{operation.Path()}?{parameter}={Uri.EscapeDataString(value)}";
                    await CheckAsync(operation, path, operation.Method is "GET" or "DELETE" ? null : "{}", $"{parameter}={Shorten(value)}", failures);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Hostile_body_fields_never_get_a_5xx()
    {
        var failures = new List<string>();
        foreach (var operation in (await ApiOperation.LoadAsync(platform)).Where(o => o.BodySchema is not null && !NotWalkedBodies.Contains(o.PathTemplate)))
        {
            var schema = operation.BodySchema!.Value;
            var example = schema.TryGetProperty("examples", out var examples) && examples.GetArrayLength() > 0
                ? JsonNode.Parse(examples[0].GetRawText())!.AsObject()
                : [];
            var fields = schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
            foreach (var field in fields)
            {
                foreach (var value in HostileJsonValues())
                {
                    var body = JsonNode.Parse(example.ToJsonString())!.AsObject();
                    body[field] = value?.DeepClone();
                    await CheckAsync(operation, operation.Path(), body.ToJsonString(), $"{field}={Shorten(value?.ToJsonString() ?? "null")}", failures);
                }
            }

            // Not JSON at all, and JSON of the wrong shape.
            await CheckAsync(operation, operation.Path(), "{\"unterminated\": ", "malformed JSON", failures);
            await CheckAsync(operation, operation.Path(), "[1,2,3]", "an array for an object", failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task CheckAsync(ApiOperation operation, string path, string? body, string what, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await platform.Gateway.SendAsync(request);
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            failures.Add($"{operation} with {what}: {status} {Shorten(await response.Content.ReadAsStringAsync())}");
        }
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{operation} with {what}: {status} as {response.Content.Headers.ContentType?.MediaType ?? "no body"}, not a problem");
        }
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
