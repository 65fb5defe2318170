using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.Web;

/// <summary>
/// One answer of the gateway: the body when it succeeded, or the RFC 9457 problem's field errors and
/// detail, which the pages show next to the fields they name.
/// </summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement? Body, IReadOnlyDictionary<string, string[]> Errors, string? Detail)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

/// <summary>
/// The gateway's APIs, as the site calls them: the public pages with no token (what anyone may read or
/// send), the console's with the signed-in person's token, so the services apply that person's scopes and units.
/// </summary>
public sealed class GatewayClient(HttpClient http, IHttpContextAccessor accessor, IConfiguration configuration)
{
    /// <summary>The procedure's test clock (eligibility honours it only where its AllowTestClock is on).</summary>
    public const string TestClockHeader = "X-Test-Clock";

    public Task<ApiAnswer> GetAsync(string path, CancellationToken ct = default) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    /// <summary>A POST with an idempotency key: a retry after a lost answer returns the first answer instead of submitting twice.</summary>
    public Task<ApiAnswer> PostAsync(string path, object body, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return SendAsync(request, ct);
    }

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            await AddVisitorAsync(request);
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement? body = null;
            if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false))
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }

            if (response.IsSuccessStatusCode)
            {
                return new ApiAnswer(response.StatusCode, body, new Dictionary<string, string[]>(), null);
            }

            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (body is { ValueKind: JsonValueKind.Object } problem && problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")];
                }
            }

            var detail = body is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("detail", out var d) ? d.GetString() : response.ReasonPhrase;
            return new ApiAnswer(response.StatusCode, body, errors, detail);
        }
    }

    /// <summary>
    /// Who the call is for: the visitor's address (the gateway counts its per-address limit per visitor when it
    /// trusts this server), the person's token on console pages, and in tests the procedure's clock.
    /// </summary>
    private async Task AddVisitorAsync(HttpRequestMessage request)
    {
        if (accessor.HttpContext is not { } context)
        {
            return;
        }

        NameVisitor(request, context);

        if (context.Request.Path.StartsWithSegments("/console") && await context.GetTokenAsync("access_token") is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (configuration.GetValue<bool>("Web:ForwardTestClock") && context.Request.Headers.TryGetValue(TestClockHeader, out var clock))
        {
            request.Headers.Add(TestClockHeader, clock.ToString());
        }
    }

    /// <summary>Names the visitor a call is made for, so the gateway (which trusts this server) counts its per-address limit for them.</summary>
    public static void NameVisitor(HttpRequestMessage request, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Connection.RemoteIpAddress is { } visitor)
        {
            request.Headers.Add("X-Forwarded-For", visitor.ToString());
        }
    }
}
