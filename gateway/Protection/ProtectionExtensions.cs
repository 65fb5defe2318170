using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Gateway.Identity;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Gateway.Protection;

/// <summary>Rate limits per client, body size limits, CORS for frontends and masked access logs.</summary>
public static partial class ProtectionExtensions
{
    public static IHostApplicationBuilder AddGatewayProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(GatewayOptions.SectionName);
        builder.Services.Configure<GatewayOptions>(section);
        var settings = section.Get<GatewayOptions>() ?? new GatewayOptions();

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor;
            // Not even loopback is trusted unless configured: a local caller could otherwise claim any address.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.Trust(settings.TrustedProxies);
        });

        // The two limiters are configured where they are used (UseAnonymousRateLimit, UseClientRateLimit).
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            policy.WithOrigins([.. settings.CorsOrigins])
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders("Authorization", "Content-Type", Idempotency.HeaderName, CorrelationIdMiddleware.HeaderName)
                .WithExposedHeaders(CorrelationIdMiddleware.HeaderName, "Retry-After", "Idempotent-Replayed", "Location")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));

        return builder;
    }

    /// <summary>
    /// Per address, before authentication: callers without a token (the token endpoint, documents). The
    /// token endpoint is answered during authentication, so only a limiter in front of it protects it.
    /// </summary>
    public static IApplicationBuilder UseAnonymousRateLimit(this IApplicationBuilder app) =>
        app.UseRateLimiter(Limiter(app, http =>
        {
            var path = http.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive"))
            {
                return null;
            }

            var settings = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return new RateBucket($"address:{address}", settings.AnonymousRequestsPerMinute);
        }));

    /// <summary>Per client, after authentication: each client's own rate (its registration) or the gateway's default.</summary>
    public static IApplicationBuilder UseClientRateLimit(this IApplicationBuilder app) =>
        app.UseRateLimiter(Limiter(app, http =>
        {
            var clientId = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst(PlatformClaims.ClientId)?.Value : null;
            if (clientId is null || !http.Request.Path.StartsWithSegments("/api"))
            {
                return null;
            }

            var settings = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
            var registered = http.RequestServices.GetRequiredService<ClientRegistry>().Find(clientId)?.RequestsPerMinute ?? 0;
            var perMinute = registered > 0 ? registered : settings.RequestsPerMinute;
            return new RateBucket($"client:{clientId}:{perMinute}", perMinute);
        }));

    /// <summary>Buckets shared by the gateways through the platform's Redis when there is one (issue 23), else this gateway's own.</summary>
    private static RateLimiterOptions Limiter(IApplicationBuilder app, Func<HttpContext, RateBucket?> bucketOf) => new()
    {
        RejectionStatusCode = StatusCodes.Status429TooManyRequests,
        GlobalLimiter = new SharedRateLimiter(bucketOf, app.ApplicationServices.GetService<StackExchange.Redis.IConnectionMultiplexer>(),
            app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<SharedRateLimiter>()),
        OnRejected = async (context, _) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
            context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "rate_limited", "请求过多 / Too many requests",
                $"请求超过了限额，请在 {retryAfter} 秒后重试。", $"Request rate exceeded; retry after {retryAfter} seconds.")
                .ExecuteAsync(context.HttpContext);
        },
    };

    /// <summary>Refuses a body over its limit before anything is proxied (413), and caps a streamed one.</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var path = context.Request.Path;
        var limit = path.StartsWithSegments("/api/eligibility/feeds") ? settings.MaxFeedBodyBytes
            : path.StartsWithSegments("/api/eligibility/determinations") && path.Value!.EndsWith("/documents", StringComparison.Ordinal) ? settings.MaxDocumentBodyBytes
            : settings.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "body_too_large", "请求体过大 / Request body too large",
                $"请求体不能超过 {limit:N0} 字节。", $"The request body must not exceed {limit:N0} bytes.").ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    });

    /// <summary>
    /// One line per request: method, path and query with identity and phone numbers masked, status,
    /// time, client and correlation id. The framework's own request logs stay at Warning.
    /// </summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ReliefPlatform.Gateway.Access");
            logger.LogInformation("{Method} {Target} {Status} {ElapsedMs:F1} ms client={ClientId} correlation={CorrelationId}",
                context.Request.Method, Mask(context.Request.Path + context.Request.QueryString), context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.User.FindFirst(PlatformClaims.ClientId)?.Value ?? "-",
                // Refused at the edge (413, 429) the header is still the caller's own: only a sanitized id is logged.
                CorrelationIdMiddleware.Sanitize(context.Request.Headers[CorrelationIdMiddleware.HeaderName].ToString()) ?? "-");
        }
    });

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex PhonePattern();

    /// <summary>
    /// Masks identity numbers and mobile numbers anywhere in a request target, after decoding it: a
    /// number with a percent-encoded digit (<c>%33611…</c>), or encoded twice, is the same number to
    /// the service that reads it, so the log line is written decoded and masked.
    /// </summary>
    public static string Mask(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (var i = 0; i < 3 && target.Contains('%', StringComparison.Ordinal); i++)
        {
            target = Uri.UnescapeDataString(target);
        }

        // Decoded line breaks and other control characters must not forge log lines.
        target = string.Create(target.Length, target, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] == '+' ? ' ' : char.IsControl(source[i]) ? '?' : source[i];
            }
        });
        var masked = IdNumberPattern().Replace(target, m => PersonalData.MaskIdNumber(m.Value));
        return PhonePattern().Replace(masked, m => PersonalData.MaskPhone(m.Value));
    }
}
