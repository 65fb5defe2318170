using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReliefPlatform.ServiceDefaults.Security;

/// <summary>
/// Access tokens already validated, by the token, for a short while. A client sends the same signed token with
/// every request until it expires, and validating it (parsing the JWT, checking its RSA signature, issuer, audience
/// and lifetime, building the claims) was an eighth of the gateway's CPU per request and the same again in the
/// service behind it (issue 22, <c>docs/benchmarks.md</c>). The answer for a given token string cannot change before
/// the token expires except by its signing key being withdrawn, so a token is remembered for at most
/// <see cref="RememberedTokenOptions.MaxAge"/> (a minute): a withdrawn key stops its tokens within that minute.
/// Only tokens that passed are remembered, so a stream of forged tokens is validated (and refused) every time and
/// cannot fill the cache; the cache holds at most <see cref="RememberedTokenOptions.Capacity"/> tokens.
/// </summary>
public sealed class RememberedTokens : IDisposable
{
    public const string Scheme = "Bearer.Remembered";

    private readonly MemoryCache _cache;

    public RememberedTokens(IOptionsMonitor<RememberedTokenOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Get(Scheme).Capacity });
    }

    internal bool TryGet(string token, DateTimeOffset now, out ClaimsPrincipal principal)
    {
        if (_cache.TryGetValue(token, out Remembered? remembered) && remembered is not null && remembered.Until > now)
        {
            principal = Copy(remembered.Principal);
            return true;
        }

        principal = null!;
        return false;
    }

    internal void Remember(string token, ClaimsPrincipal principal, DateTimeOffset now, DateTimeOffset until)
    {
        using var entry = _cache.CreateEntry(token);
        entry.Value = new Remembered(Copy(principal), until);
        // Relative: the cache keeps its own clock; the handler's clock (TryGet) decides whether the entry still holds.
        entry.AbsoluteExpirationRelativeToNow = until - now;
        entry.Size = 1;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// A deep copy (<see cref="ClaimsPrincipal.Clone"/> shares the identities): what one request's pipeline adds to
    /// its principal does not reach the next request's.
    /// </summary>
    private static ClaimsPrincipal Copy(ClaimsPrincipal principal) => new(principal.Identities.Select(identity => identity.Clone()));

    private sealed record Remembered(ClaimsPrincipal Principal, DateTimeOffset Until);
}

public sealed class RememberedTokenOptions : AuthenticationSchemeOptions
{
    /// <summary>The scheme that validates a token not remembered (JWT bearer in a service, OpenIddict's validation in the gateway).</summary>
    public string ValidatingScheme { get; set; } = "";

    /// <summary>How long a validated token is taken without validating it again (never past its own expiry).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many tokens are remembered at most (each a few kilobytes).</summary>
    public long Capacity { get; set; } = 5_000;
}

/// <summary>
/// The default scheme where callers are authenticated: a bearer token remembered as valid is taken as it was;
/// any other request is answered by <see cref="RememberedTokenOptions.ValidatingScheme"/>, whose successes are
/// remembered. Challenges and refusals are the validating scheme's (its <c>WWW-Authenticate</c> answers).
/// </summary>
public sealed class RememberedTokenHandler(
    IOptionsMonitor<RememberedTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder, RememberedTokens remembered)
    : AuthenticationHandler<RememberedTokenOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request.Headers.Authorization.ToString());
        var now = TimeProvider.GetUtcNow();
        if (token is not null && remembered.TryGet(token, now, out var principal))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }

        var result = await Context.AuthenticateAsync(Options.ValidatingScheme);
        if (token is not null && result.Succeeded && ExpiresAt(result) is { } expires)
        {
            var until = expires < now + Options.MaxAge ? expires : now + Options.MaxAge;
            if (until > now)
            {
                remembered.Remember(token, result.Principal, now, until);
            }
        }

        return result;
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, the only place either validating scheme reads one from.</summary>
    private static string? BearerToken(string authorization)
    {
        const string prefix = "Bearer ";
        return authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > prefix.Length
            ? authorization[prefix.Length..].Trim()
            : null;
    }

    /// <summary>
    /// When the token expires, as the validating scheme states it in the ticket (JWT bearer and OpenIddict both do);
    /// a ticket that does not say is not remembered.
    /// </summary>
    private static DateTimeOffset? ExpiresAt(AuthenticateResult result) => result.Properties?.ExpiresUtc;
}

public static class RememberedTokenExtensions
{
    /// <summary>
    /// Adds <see cref="RememberedTokens.Scheme"/> in front of <paramref name="validatingScheme"/>; make it the default
    /// scheme (<c>AddAuthentication(RememberedTokens.Scheme)</c>).
    /// </summary>
    public static AuthenticationBuilder AddRememberedTokens(this AuthenticationBuilder builder, string validatingScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<RememberedTokens>();
        return builder.AddScheme<RememberedTokenOptions, RememberedTokenHandler>(RememberedTokens.Scheme, options =>
        {
            options.ValidatingScheme = validatingScheme;
            options.ForwardChallenge = validatingScheme;
            options.ForwardForbid = validatingScheme;
        });
    }
}
