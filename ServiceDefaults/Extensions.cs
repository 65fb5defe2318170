using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every ReliefPlatform process shares: telemetry, health, service discovery, resilient
/// HTTP clients and RFC 9457 problem responses.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsEnricher.Enrich);
        builder.Services.AddExceptionHandler<ConcurrencyConflictHandler>();

        // Places (division codes, the organisation tree): the shipped files, plus a province's imports,
        // read once at start; a malformed file stops the start with its line number.
        ReliefPlatform.Places.PlaceRegistry.Configure(builder.Configuration["Places:Province"],
            [.. builder.Configuration.GetSection("Places:Import").GetChildren().Select(file => file.Value).OfType<string>()]);
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // Every outgoing call wrote four Information lines (HttpClient's start/end and headers, Polly's attempt) on
        // hot paths — the gateway's upstream probes, the web's API calls — that the traces already hold (issue 22).
        // Warnings and failures still come through; a setting of the same category overrides this.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // The Redis client narrates every connection handshake at Information: the dashboard needs only its troubles.
        builder.Logging.AddFilter("StackExchange.Redis", LogLevel.Warning);

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "ReliefPlatform.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit", "ReliefPlatform.*")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes of /health and /alive every few seconds would drown real requests.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        // Only export when a collector is configured: exporters retrying against nothing slow shutdown.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        // A state change is logged once (HealthTransitions), not an error line per failing probe.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        builder.Services.AddSingleton<IHealthCheckPublisher, ReliefPlatform.ServiceDefaults.Diagnostics.HealthTransitions>();
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(5);
            options.Period = TimeSpan.FromSeconds(15);
        });
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: ready to serve (database, broker, cache); <c>/alive</c>: the process answers.
    /// Both are mapped in every environment because orchestrators probe them in production too;
    /// they say only Healthy / Degraded / Unhealthy, never which dependency or why.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath).DisableHttpMetrics();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
        }).DisableHttpMetrics();
        return app;
    }

    /// <summary>The middleware every service and the gateway put first.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // CORS first, so that refusals (401, 429) still reach a browser frontend readable.
        if (app.Services.GetService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsService>() is not null)
        {
            app.UseCors();
        }

        app.UseMiddleware<CorrelationIdMiddleware>();
        // Services and the gateway that authenticate callers check every API request against the access policy.
        if (app.Services.GetService<ReliefPlatform.ServiceDefaults.Security.PlatformAccessControl>() is not null)
        {
            app.UseAuthentication();
            app.UseMiddleware<ReliefPlatform.ServiceDefaults.Security.AccessPolicyMiddleware>();
        }

        app.UseMiddleware<QueryTextGuard>();
        app.EnableBufferingForIdempotentRequests();
        return app;
    }
}
