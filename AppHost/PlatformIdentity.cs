using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ReliefPlatform.Contracts.Security;

namespace ReliefPlatform.AppHost;

/// <summary>
/// The AppHost's part in the platform's identity: it registers, per run, an operator client for its
/// dashboard commands (a random secret that lives only in this process and the gateway's environment),
/// tells the gateway whether to register the development clients, and tells each service where the
/// token issuer is.
/// </summary>
public sealed class PlatformIdentity
{
    public const string OperatorClientId = "aspire-operator";

    /// <summary>AppHost setting that registers the gateway's development clients (documented secrets): <c>run.sh</c> and the tests set it.</summary>
    public const string DevelopmentClientsKey = "Identity:DevelopmentClients";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset Expires)? _token;

    public PlatformIdentity(bool developmentClients) => DevelopmentClients = developmentClients;

    public bool DevelopmentClients { get; }

    public string OperatorSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The gateway's endpoint, set when the gateway is added.</summary>
    public EndpointReference? Gateway { get; internal set; }

    /// <summary>A token of the operator client, fetched from the gateway and reused until shortly before it expires.</summary>
    public async Task<string> OperatorTokenAsync(CancellationToken ct)
    {
        var gateway = Gateway ?? throw new InvalidOperationException("The gateway has not been added.");
        await _lock.WaitAsync(ct);
        try
        {
            if (_token is { } cached && cached.Expires > DateTimeOffset.UtcNow.AddMinutes(1))
            {
                return cached.Token;
            }

            using var http = new HttpClient();
            using var response = await http.PostAsync(new Uri(new Uri(gateway.Url), "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = OperatorClientId,
                ["client_secret"] = OperatorSecret,
            }), ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var token = body.GetProperty("access_token").GetString()!;
            _token = (token, DateTimeOffset.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32()));
            return token;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Adds the operator's bearer token to a dashboard command's request.</summary>
    public async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OperatorTokenAsync(ct));
    }

    /// <summary>The gateway's environment: issuer, the operator client, development clients on or off.</summary>
    internal void Configure(IResourceBuilder<ProjectResource> gateway)
    {
        var endpoint = gateway.GetEndpoint("http");
        Gateway = endpoint;
        gateway.WithEnvironment("Identity__Issuer", endpoint)
            .WithEnvironment("Identity__DevelopmentClients", DevelopmentClients ? "true" : "false")
            .WithEnvironment($"Identity__Clients__{OperatorClientId}__DisplayName", "Aspire dashboard commands")
            .WithEnvironment($"Identity__Clients__{OperatorClientId}__Secret", OperatorSecret)
            .WithEnvironment($"Identity__Clients__{OperatorClientId}__Counties__0", PlatformClaims.AllCounties);
        for (var i = 0; i < Scopes.All.Count; i++)
        {
            gateway.WithEnvironment($"Identity__Clients__{OperatorClientId}__Scopes__{i}", Scopes.All[i]);
        }
    }
}
