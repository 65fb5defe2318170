using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>One operation of a service's OpenAPI document, as the gateway publishes it.</summary>
public sealed record ApiOperation(string Service, string Method, string PathTemplate, JsonElement Operation, JsonElement Document)
{
    public override string ToString() => $"{Method} {PathTemplate}";

    public IReadOnlyList<string> Scopes =>
        Operation.TryGetProperty("x-scopes", out var scopes) ? [.. scopes.EnumerateArray().Select(s => s.GetString()!)] : [];

    /// <summary>resource, body, list, province or public; null when the operation declares none.</summary>
    public string? CountyRule =>
        Operation.TryGetProperty("x-county-scope", out var rule) ? rule.GetProperty("rule").GetString() : null;

    public IEnumerable<JsonElement> Parameters =>
        Operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [];

    public IEnumerable<JsonElement> QueryParameters => Parameters.Where(p => p.GetProperty("in").GetString() == "query");

    /// <summary>The JSON request body's schema, with references resolved; null when the operation takes none.</summary>
    public JsonElement? BodySchema =>
        Operation.TryGetProperty("requestBody", out var body)
        && body.GetProperty("content").TryGetProperty("application/json", out var json)
        && json.TryGetProperty("schema", out var schema)
            ? Resolve(schema)
            : null;

    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = Document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    /// <summary>The path with each parameter filled: a new GUID for ids, a county of the platform, a plausible word otherwise.</summary>
    public string Path(Func<string, string>? valueOf = null) =>
        System.Text.RegularExpressions.Regex.Replace(PathTemplate, @"\{([^}]+)\}", m =>
            valueOf?.Invoke(m.Groups[1].Value) ?? DefaultValue(m.Groups[1].Value));

    private string DefaultValue(string parameter)
    {
        var schema = Parameters.FirstOrDefault(p => p.GetProperty("name").GetString() == parameter);
        var isGuid = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("schema", out var s) && s.TryGetProperty("format", out var f) && f.GetString() == "uuid";
        return isGuid ? Guid.NewGuid().ToString() : parameter switch
        {
            "county" => "361102",
            "department" => "civil-affairs",
            "language" => "zh-CN",
            _ => "x",
        };
    }

    /// <summary>Every /api/ operation of the five services, read through the gateway without a token.</summary>
    public static async Task<IReadOnlyList<ApiOperation>> LoadAsync(PlatformFixture platform)
    {
        using var anonymous = platform.AnonymousGateway();
        var operations = new List<ApiOperation>();
        foreach (var (service, _) in ResourceNames.Services)
        {
            var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
            foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
            {
                foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
                {
                    operations.Add(new ApiOperation(service, operation.Name.ToUpperInvariant(), path.Name, operation.Value, document));
                }
            }
        }

        return operations;
    }
}
