using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Security;

namespace ReliefPlatform.Gateway.Identity;

/// <summary>A registered client: a provincial system or a frontend, with its scopes and counties.</summary>
public sealed class ClientRegistration
{
    public string DisplayName { get; set; } = "";

    /// <summary>SHA-256 of the secret, base64 (production: secrets never sit in configuration in clear).</summary>
    public string? SecretSha256 { get; set; }

    /// <summary>The secret in clear: only for secrets generated per run (the AppHost's operator client).</summary>
    public string? Secret { get; set; }

    public List<string> Scopes { get; set; } = [];

    /// <summary>County codes, or <c>*</c> for every county of the province.</summary>
    public List<string> Counties { get; set; } = [];

    /// <summary>Requests a minute through the gateway; 0 takes <c>Gateway:RateLimit:RequestsPerMinute</c>.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>
    /// Where a frontend that signs people in receives its authorization code (exact match). A client
    /// without any may not use the authorization code flow.
    /// </summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>A browser frontend: no secret (it could not keep one), authorization code with PKCE only.</summary>
    public bool Public { get; set; }

    /// <summary>
    /// Whether a code may be sent to <paramref name="redirectUri"/>: one of <see cref="RedirectUris"/> exactly,
    /// except that a loopback address may come with any port (RFC 8252 §7.3), as a console run on a developer's
    /// machine or in a test gets whichever port is free.
    /// </summary>
    public bool AcceptsRedirectUri(string redirectUri)
    {
        if (RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return true;
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var presented) || !presented.IsLoopback)
        {
            return false;
        }

        return RedirectUris.Any(registered => Uri.TryCreate(registered, UriKind.Absolute, out var uri) && uri.IsLoopback
            && uri.Scheme == presented.Scheme && string.Equals(uri.Host, presented.Host, StringComparison.OrdinalIgnoreCase)
            && uri.PathAndQuery == presented.PathAndQuery && presented.UserInfo.Length == 0 && presented.Fragment.Length == 0);
    }
}

public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The <c>iss</c> of issued tokens (the gateway's public URL).</summary>
    public string? Issuer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Registers the development clients of <see cref="ClientRegistry.DevelopmentClients"/> (documented
    /// secrets). Off unless set: <c>run.sh</c> and the tests turn it on through the AppHost.
    /// </summary>
    public bool DevelopmentClients { get; set; }

    /// <summary>
    /// A PFX of the signing key (production, and every AppHost run); without it, a key generated at start (tokens end
    /// with the process). Every gateway replica loads the same one, so a service accepts a token whichever issued it.
    /// </summary>
    public string? SigningCertificatePath { get; set; }

    public string? SigningCertificatePassword { get; set; }

    /// <summary>
    /// A PFX of the key that encrypts authorization codes (issue 23): a code one gateway replica issues is redeemed at
    /// another. Without it, a key generated at start (one gateway only).
    /// </summary>
    public string? EncryptionCertificatePath { get; set; }

    public string? EncryptionCertificatePassword { get; set; }

    public Dictionary<string, ClientRegistration> Clients { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The clients the gateway issues tokens to, from configuration.</summary>
public sealed class ClientRegistry(IOptions<IdentityOptions> options)
{
    /// <summary>
    /// Clients for local runs, tests and the walk-through, with secrets in this file. They exist only
    /// when <see cref="IdentityOptions.DevelopmentClients"/> is set, so the secrets open nothing elsewhere.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Secret, ClientRegistration Registration)> DevelopmentClients =
        new Dictionary<string, (string, ClientRegistration)>(StringComparer.Ordinal)
        {
            ["dev-province"] = ("dev-province-secret", new() { DisplayName = "省级平台（开发）", Scopes = [.. Contracts.Security.Scopes.All], Counties = [PlatformClaims.AllCounties], RequestsPerMinute = 1_000_000 }),
            ["dev-xinzhou"] = ("dev-xinzhou-secret", new()
            {
                DisplayName = "信州区民政局（开发）", Counties = ["361102"],
                Scopes = [Contracts.Security.Scopes.IntakeRead, Contracts.Security.Scopes.IntakeWrite, Contracts.Security.Scopes.ReliefApprove,
                    Contracts.Security.Scopes.PaymentsOperate, Contracts.Security.Scopes.NotificationsRead, Contracts.Security.Scopes.ReportsRead],
            }),
            ["dev-frontend"] = ("dev-frontend-secret", new()
            {
                DisplayName = "群众端前端（开发）", Counties = [PlatformClaims.AllCounties],
                Scopes = [Contracts.Security.Scopes.IntakeRead, Contracts.Security.Scopes.NotificationsRead],
            }),
            // The reference console (issue 20) and the README's walk-through: people sign in through it.
            ["dev-console"] = ("", new()
            {
                DisplayName = "工作台（开发）", Public = true, Scopes = [.. Contracts.Security.Scopes.All], RequestsPerMinute = 1_000_000,
                RedirectUris = ["http://localhost:5080/console/signed-in", "http://localhost/console/signed-in"],
            }),
            ["dev-throttled"] = ("dev-throttled-secret", new()
            {
                DisplayName = "限流演示客户端（开发）", Counties = [PlatformClaims.AllCounties], Scopes = [Contracts.Security.Scopes.IntakeRead], RequestsPerMinute = 5,
            }),
        };

    // Built once: the rate limiter asks for every request, and the registrations do not change while the gateway runs.
    private readonly Lazy<Dictionary<string, ClientRegistration>> _clients = new(() => Build(options.Value));

    private static Dictionary<string, ClientRegistration> Build(IdentityOptions settings)
    {
        var clients = new Dictionary<string, ClientRegistration>(settings.Clients, StringComparer.Ordinal);
        if (settings.DevelopmentClients)
        {
            foreach (var (id, (secret, registration)) in DevelopmentClients)
            {
                clients.TryAdd(id, new ClientRegistration
                {
                    DisplayName = registration.DisplayName, Secret = secret, Scopes = registration.Scopes,
                    Counties = registration.Counties, RequestsPerMinute = registration.RequestsPerMinute,
                    RedirectUris = registration.RedirectUris, Public = registration.Public,
                });
            }
        }

        return clients;
    }

    public ClientRegistration? Find(string? clientId) =>
        clientId is null ? null : _clients.Value.GetValueOrDefault(clientId);

    /// <summary>Checks a presented secret in constant time against the stored hash (or the per-run secret).</summary>
    public static bool SecretMatches(ClientRegistration client, string? presented)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var expected = client.SecretSha256 is { Length: > 0 } stored
            ? Convert.FromBase64String(stored)
            : client.Secret is { Length: > 0 } clear ? SHA256.HashData(Encoding.UTF8.GetBytes(clear)) : null;
        return expected is not null && CryptographicOperations.FixedTimeEquals(presentedHash, expected);
    }
}
