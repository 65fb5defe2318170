using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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

    /// <summary>
    /// The gateway's environment: issuer, the operator client, development clients on or off, and the run's signing
    /// and encryption keys — made once per run in <paramref name="keyFolder"/>, so every gateway replica signs and
    /// encrypts with the same ones (issue 23) and a restarted gateway's tokens stay valid.
    /// </summary>
    internal void Configure(IResourceBuilder<ProjectResource> gateway, string keyFolder)
    {
        var endpoint = gateway.GetEndpoint("http");
        Gateway = endpoint;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        gateway.WithEnvironment("Identity__SigningCertificatePath", CreateCertificate(keyFolder, "signing", X509KeyUsageFlags.DigitalSignature, password))
            .WithEnvironment("Identity__SigningCertificatePassword", password)
            .WithEnvironment("Identity__EncryptionCertificatePath", CreateCertificate(keyFolder, "encryption", X509KeyUsageFlags.KeyEncipherment, password))
            .WithEnvironment("Identity__EncryptionCertificatePassword", password);
        _dataProtection = (CreateCertificate(keyFolder, "data-protection", X509KeyUsageFlags.KeyEncipherment, password), password);
        WithSharedDataProtection(gateway);
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

    private (string Path, string Password)? _dataProtection;

    /// <summary>
    /// The certificate that encrypts the data-protection keys (cookies, antiforgery) at rest in Redis, where every
    /// replica of the gateway and of the web frontend reads them (issue 23).
    /// </summary>
    public IResourceBuilder<ProjectResource> WithSharedDataProtection(IResourceBuilder<ProjectResource> project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (path, password) = _dataProtection ?? throw new InvalidOperationException("The gateway has not been added.");
        return project.WithEnvironment("DataProtection__CertificatePath", path).WithEnvironment("DataProtection__CertificatePassword", password);
    }

    /// <summary>A self-signed RSA certificate for one use, as a PFX only this user can read.</summary>
    private static string CreateCertificate(string folder, string use, X509KeyUsageFlags usage, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=ReliefPlatform gateway {use}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{use}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
