using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using ReliefPlatform.Contracts.Security;

namespace ReliefPlatform.ServiceDefaults.Security;

/// <summary>Where a service finds the platform's token issuer (section <c>Identity</c>).</summary>
public static class IdentitySettings
{
    /// <summary>The issuer's base URL (the gateway): its discovery document and signing keys are read from there.</summary>
    public const string AuthorityKey = "Identity:Authority";

    /// <summary>The <c>iss</c> the tokens carry (defaults to the authority).</summary>
    public const string IssuerKey = "Identity:Issuer";
}

public static class PlatformAuthenticationExtensions
{
    /// <summary>
    /// Services accept only the platform's access tokens (signed by the gateway's issuer, for the
    /// platform's audience, unexpired) and check each request against <see cref="AccessPolicy"/> and
    /// the caller's counties again, so a request that bypasses the gateway gains nothing.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var authority = builder.Configuration[IdentitySettings.AuthorityKey]?.TrimEnd('/')
            ?? throw new InvalidOperationException($"{IdentitySettings.AuthorityKey} is not set: run the service through the AppHost, or set it to the gateway's URL.");
        var issuer = builder.Configuration[IdentitySettings.IssuerKey] ?? authority + "/";

        // A token validated once is taken again for up to a minute without validating it again (issue 22).
        builder.Services.AddAuthentication(RememberedTokens.Scheme)
            .AddRememberedTokens(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MetadataAddress = authority + "/.well-known/openid-configuration";
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = issuer,
                    ValidAudience = PlatformClaims.Audience,
                    NameClaimType = PlatformClaims.ClientId,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<PlatformAccessControl>();
        return builder;
    }
}

/// <summary>Registered where callers are authenticated: <c>UseServiceDefaults</c> then checks every API request against the access policy.</summary>
public sealed class PlatformAccessControl;
