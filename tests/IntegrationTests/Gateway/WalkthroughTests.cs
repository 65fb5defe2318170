using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Gateway;

/// <summary>
/// Runs docs/walkthrough.http, the frontend teams' walk-through, request by request against the
/// platform, so that it keeps working as the APIs change. A request that takes a value from an
/// earlier answer not there yet (the case opens asynchronously, the payment settles later) repeats
/// that earlier GET until it is.
/// </summary>
[Collection(PlatformCollection.Name)]
public partial class WalkthroughTests(PlatformFixture platform)
{
    private sealed record HttpFileRequest(string? Name, string Method, string Url, List<(string Name, string Value)> Headers, string Body);

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Reference();

    [Fact]
    public async Task The_walkthrough_gets_a_token_submits_an_application_and_follows_it_to_its_payment()
    {
        var variables = new Dictionary<string, string> { ["gateway"] = platform.App.GetEndpoint(ResourceNames.Gateway, "http").ToString().TrimEnd('/') };
        var responses = new Dictionary<string, (HttpFileRequest Request, JsonElement Body)>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        foreach (var block in Parse(File.ReadAllText(Locate("docs/walkthrough.http")), variables))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string? resolvedUrl;
            while ((resolvedUrl = Resolve(block.Url, variables, responses)) is null
                   || block.Headers.Any(h => Resolve(h.Value, variables, responses) is null)
                   || Resolve(block.Body, variables, responses) is null)
            {
                // A value an earlier GET will only have later: ask again.
                Assert.True(DateTime.UtcNow < deadline, $"{block.Method} {block.Url}: a referenced value never appeared");
                foreach (var name in Referenced(block).Where(responses.ContainsKey).Where(n => responses[n].Request.Method == "GET").ToList())
                {
                    responses[name] = (responses[name].Request, await SendAsync(http, responses[name].Request, variables, responses));
                }

                await Task.Delay(300);
            }

            var body = await SendAsync(http, block, variables, responses);
            if (block.Name is not null)
            {
                responses[block.Name] = (block, body);
            }
        }

        var application = responses["application"].Body.GetProperty("applicationId").GetGuid();
        var paid = await Eventually.ReturnsAsync(
            async () => await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/payments/payments?applicationId={application}"),
            p => p.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("status").GetString() == "settled"), "the walk-through's payment settled");
        Assert.Equal(1, paid.GetProperty("total").GetInt32());
    }

    private static IEnumerable<string> Referenced(HttpFileRequest request) =>
        Reference().Matches(request.Url + string.Join(' ', request.Headers.Select(h => h.Value)) + request.Body)
            .Select(m => m.Groups[1].Value.Split('.')[0]);

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpFileRequest request, Dictionary<string, string> variables,
        Dictionary<string, (HttpFileRequest Request, JsonElement Body)> responses)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), Resolve(request.Url, variables, responses));
        string? contentType = null;
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, Resolve(value, variables, responses));
            }
        }

        if (request.Body.Length > 0)
        {
            message.Content = new StringContent(Resolve(request.Body, variables, responses)!, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.Url} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Fills {{variable}} and {{name.response.body.path}}; null while a referenced value is missing.</summary>
    private static string? Resolve(string text, Dictionary<string, string> variables, Dictionary<string, (HttpFileRequest Request, JsonElement Body)> responses)
    {
        var missing = false;
        var resolved = Reference().Replace(text, match =>
        {
            var reference = match.Groups[1].Value;
            if (reference.Trim() == "$datetime iso8601")
            {
                // The REST clients' dynamic variable: now, as the walk-through's signing time.
                return DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            }

            if (variables.TryGetValue(reference, out var value))
            {
                return Resolve(value, variables, responses) ?? "";
            }

            var parts = reference.Split('.');
            if (parts.Length < 4 || !responses.TryGetValue(parts[0], out var earlier) || Navigate(earlier.Body, parts[3..]) is not { } found)
            {
                missing = true;
                return "";
            }

            return found.ValueKind == JsonValueKind.String ? found.GetString()! : found.GetRawText();
        });
        return missing ? null : resolved;
    }

    private static JsonElement? Navigate(JsonElement element, string[] path)
    {
        foreach (var segment in path)
        {
            var name = segment;
            int? index = null;
            if (segment.EndsWith(']'))
            {
                var open = segment.IndexOf('[', StringComparison.Ordinal);
                index = int.Parse(segment[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                name = segment[..open];
            }

            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }

            if (index is { } i)
            {
                if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() <= i)
                {
                    return null;
                }

                element = element[i];
            }
        }

        return element;
    }

    private static IEnumerable<HttpFileRequest> Parse(string file, Dictionary<string, string> variables)
    {
        // "###" at the start of a line separates requests; the rest of that line is its title.
        var blocks = new List<List<string>> { new() };
        foreach (var line in file.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("###", StringComparison.Ordinal)) blocks.Add([]);
            else blocks[^1].Add(line);
        }

        foreach (var lines in blocks)
        {
            string? name = null;
            string? method = null, url = null;
            var headers = new List<(string, string)>();
            var body = new StringBuilder();
            var inBody = false;
            foreach (var line in lines)
            {
                if (method is null)
                {
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith("# @name ", StringComparison.Ordinal)) name = trimmed["# @name ".Length..].Trim();
                    else if (trimmed.StartsWith('@') && trimmed.Contains('=', StringComparison.Ordinal))
                    {
                        var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
                        var key = trimmed[1..eq].Trim();
                        // The gateway's address is the test platform's, not the documented local port.
                        if (key != "gateway") variables[key] = trimmed[(eq + 1)..].Trim();
                    }
                    else if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
                    {
                        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
                        (method, url) = (trimmed[..space], trimmed[(space + 1)..].Trim());
                    }
                }
                else if (!inBody)
                {
                    if (line.Trim().Length == 0) inBody = true;
                    else
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
                    }
                }
                else
                {
                    body.AppendLine(line);
                }
            }

            if (method is not null)
            {
                yield return new HttpFileRequest(name, method, url!, headers, body.ToString().Trim());
            }
        }
    }

    private static string Locate(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
