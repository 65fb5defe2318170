using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.Contracts;
using StackExchange.Redis;

namespace ReliefPlatform.ServiceDefaults.Security;

public static class SharedDataProtection
{
    /// <summary>Configuration of the certificate that encrypts the data-protection keys at rest (a PFX and its password).</summary>
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    /// <summary>
    /// The keys that protect cookies, antiforgery tokens and sign-in state, shared by every replica of
    /// <paramref name="applicationName"/> (issue 23): kept in Redis when the platform's cache is configured — a sign-in
    /// started on one gateway or console replica finishes on another, and a pod's restart signs nobody out — and
    /// encrypted at rest with the configured certificate.
    /// </summary>
    public static IHostApplicationBuilder AddSharedDataProtection(this IHostApplicationBuilder builder, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var protection = builder.Services.AddDataProtection().SetApplicationName(applicationName);
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Cache)))
        {
            builder.AddRedisClient(ResourceNames.Cache);
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), $"reliefplatform:data-protection:{applicationName}"));
        }

        if (builder.Configuration[CertificatePathKey] is { Length: > 0 } path)
        {
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration[CertificatePasswordKey]));
        }

        return builder;
    }
}
