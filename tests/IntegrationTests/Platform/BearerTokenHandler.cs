using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Platform;

/// <summary>The gateway's development clients (registered only when the AppHost runs with Identity:DevelopmentClients).</summary>
public static class DevelopmentClients
{
    /// <summary>Every scope, every county.</summary>
    public const string Province = "dev-province";

    /// <summary>信州区 (361102) only; intake, relief, payments, inbox and reports scopes.</summary>
    public const string Xinzhou = "dev-xinzhou";

    /// <summary>intake.read and notifications.read only.</summary>
    public const string Frontend = "dev-frontend";

    /// <summary>intake.read, five requests a minute.</summary>
    public const string Throttled = "dev-throttled";

    public static string SecretOf(string clientId) => $"{clientId}-secret";
}

/// <summary>Gets a client-credentials token from the gateway and sends it; gets a new one when it is about to expire.</summary>
public sealed class BearerTokenHandler(Uri gateway, string clientId, string secret, string? scope) : DelegatingHandler(new HttpClientHandler())
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly string _address = Visitors.NewAddress();
    private string? _token;
    private DateTimeOffset _expires;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (_token is null || _expires < DateTimeOffset.UtcNow.AddMinutes(1))
            {
                using var http = new HttpClient { BaseAddress = gateway };
                http.DefaultRequestHeaders.Add(Visitors.Header, _address);
                var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
                if (scope is not null)
                {
                    form["scope"] = scope;
                }

                using var response = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(form), ct);
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                _token = body.GetProperty("access_token").GetString();
                _expires = DateTimeOffset.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32());
            }

            return _token!;
        }
        finally
        {
            _lock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lock.Dispose();
        }

        base.Dispose(disposing);
    }
}
