using ReliefPlatform.ServiceDefaults.Security;
using Microsoft.OpenApi;
using ReliefPlatform.Contracts;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Gateway.Identity;
using ReliefPlatform.Gateway.People;
using ReliefPlatform.Gateway.Protection;
using ReliefPlatform.ServiceDefaults.OpenApi;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace ReliefPlatform.Gateway;

public static class GatewayExtensions
{
    /// <summary>
    /// The platform's one door: the token issuer, per-client rate limits, body limits, CORS, the API
    /// reference, and the reverse proxy, one route per service, <c>/api/{service}/**</c> forwarded
    /// unchanged to the service found by service discovery (<c>http://{resource-name}</c>).
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSharedDataProtection("reliefplatform-gateway");
        builder.AddPlatformIdentity();
        builder.AddGatewayProtection();
        var upstreamTimeout = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>()?.UpstreamTimeout ?? new GatewayOptions().UpstreamTimeout;
        builder.Services.AddSingleton<UpstreamAvailability>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UpstreamAvailability>());
        builder.Services.AddHealthChecks().AddCheck<UpstreamsReadyHealthCheck>(UpstreamsReadyHealthCheck.Name);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes(HasWeb(builder.Configuration)), Clusters(upstreamTimeout, HasWeb(builder.Configuration)))
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddOpenApi(GatewayDocument, options =>
        {
            PlatformApiExtensions.Configure(options, "ReliefPlatform gateway",
                "The token endpoint and the API reference. 令牌端点与接口文档。Every /api call needs a bearer token from /connect/token.");
            options.AddDocumentTransformer((document, _, _) =>
            {
                DescribeTokenEndpoint(document);
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public const string GatewayDocument = "gateway";

    /// <summary>Before anything else: the access log (so refusals are logged too), body limits, and the per-address limit in front of the token endpoint.</summary>
    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The visitor's address behind a trusted proxy (Gateway:TrustedProxies), for the access log and the per-address limit.
        app.UseForwardedHeaders();
        app.UseAccessLog();
        app.UseBodyLimits();
        app.UseAnonymousRateLimit();
        return app;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseClientRateLimit();
        app.UseAntiforgery();
        app.MapAccount();
        app.MapPeopleApi();
        app.MapPlatformOpenApi();
        foreach (var (service, _) in ResourceNames.Services)
        {
            app.MapGet($"/openapi/{service}.json", (IHttpClientFactory http, CancellationToken ct) => ServiceDocumentAsync(http, service, ct))
                .ExcludeFromDescription();
        }

        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("ReliefPlatform API / 社会救助平台接口");
            options.AddDocument(GatewayDocument, "Gateway (tokens)", $"/openapi/{GatewayDocument}.json");
            foreach (var (service, _) in ResourceNames.Services)
            {
                options.AddDocument(service, service, $"/openapi/{service}.json", isDefault: service == ResourceNames.Intake);
            }

            options.AddPreferredSecuritySchemes(["oauth2"]);
        });
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(RefuseWhenDownAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>Seconds a caller is asked to wait when a service is down: about two rounds of the active health check.</summary>
    private const int RetryAfterSeconds = 5;

    /// <summary>
    /// Fail fast: once the health checks know a service is down (no destination available), the caller
    /// gets 503 with <c>Retry-After</c> at once instead of waiting out the upstream timeout for a 504;
    /// a request that still fails in transport gets a problem body with the same header.
    /// </summary>
    private static async Task RefuseWhenDownAsync(HttpContext context, Func<Task> next)
    {
        var proxy = context.Features.Get<Yarp.ReverseProxy.Model.IReverseProxyFeature>();
        var service = proxy?.Cluster.Config.ClusterId ?? "";
        if (proxy is { AvailableDestinations.Count: 0 } || context.RequestServices.GetRequiredService<UpstreamAvailability>().IsDown(service))
        {
            await UnavailableAsync(context, StatusCodes.Status503ServiceUnavailable, service);
            return;
        }

        await next();
        if (context.Features.Get<IForwarderErrorFeature>() is { } error && !context.Response.HasStarted)
        {
            await UnavailableAsync(context, context.Response.StatusCode is >= 500 ? context.Response.StatusCode : StatusCodes.Status502BadGateway, service, error.Error.ToString());
        }
    }

    private static Task UnavailableAsync(HttpContext context, int status, string service, string? reason = null)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ServiceDefaults.Http.ApiProblems.Problem(status, "service_unavailable", "服务暂不可用 / Service unavailable",
                $"{service} 服务暂时不可用，请在 {RetryAfterSeconds} 秒后重试。", $"The {service} service is unavailable; retry after {RetryAfterSeconds} seconds.",
                reason is null ? null : new Dictionary<string, object?> { ["reason"] = reason })
            .ExecuteAsync(context);
    }

    /// <summary>A service's OpenAPI document, fetched from it through service discovery.</summary>
    private static async Task<IResult> ServiceDocumentAsync(IHttpClientFactory http, string service, CancellationToken ct)
    {
        using var client = http.CreateClient("openapi");
        using var response = await client.GetAsync(new Uri($"http://{service}/openapi/v1.json"), ct);
        if (!response.IsSuccessStatusCode)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "文档暂不可用 / Document unavailable",
                detail: $"{service} 未返回其接口文档。 / {service} did not return its OpenAPI document.");
        }

        return TypedResults.Text(await response.Content.ReadAsStringAsync(ct), "application/json; charset=utf-8");
    }

    private static void DescribeTokenEndpoint(OpenApiDocument document)
    {
        document.Paths ??= [];
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "grant_type", "client_id", "client_secret" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["grant_type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "client_credentials" },
                ["client_id"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["client_secret"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["scope"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Space-separated scopes; absent: all the client holds." },
            },
        };
        document.Paths["/connect/token"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    Summary = "Get an access token (OAuth2 client credentials, RFC 6749 §4.4) / 获取访问令牌",
                    Description = "Returns a signed JWT (RFC 9068) with the granted scopes and the client's counties; send it as Authorization: Bearer.",
                    RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/x-www-form-urlencoded"] = new() { Schema = form } },
                    },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "access_token, token_type Bearer, expires_in" },
                        ["400"] = new OpenApiResponse { Description = "invalid_request, invalid_scope or unsupported_grant_type" },
                        ["401"] = new OpenApiResponse { Description = "invalid_client" },
                    },
                },
            },
        };
    }

    /// <summary>Whether a web frontend runs beside the gateway (service discovery knows its address): then it answers every path nobody else does.</summary>
    internal static bool HasWeb(IConfiguration configuration) => configuration[$"services:{ResourceNames.Web}:http:0"] is { Length: > 0 };

    internal static IReadOnlyList<RouteConfig> Routes(bool withWeb = false) =>
        [
            .. ResourceNames.Services.Select(s => new RouteConfig
            {
                RouteId = s.Service,
                ClusterId = s.Service,
                Match = new RouteMatch { Path = $"{ResourceNames.ApiPrefix(s.Service)}/{{**rest}}" },
            }),
            // What anyone may read or send without a token (public disclosure and its objections), rate-limited per address.
            .. ResourceNames.Services.Select(s => new RouteConfig
            {
                RouteId = $"{s.Service}-public",
                ClusterId = s.Service,
                Match = new RouteMatch { Path = $"{AccessPolicy.PublicPrefix.TrimEnd('/')}{ResourceNames.ApiPrefix(s.Service)[4..]}/{{**rest}}" },
            }),
            // The reference frontend (issue 20): the public site at / and the console at /console, after every other route.
            .. withWeb ? [new RouteConfig { RouteId = ResourceNames.Web, ClusterId = ResourceNames.Web, Order = int.MaxValue, Match = new RouteMatch { Path = "/{**rest}" } }] : Array.Empty<RouteConfig>(),
        ];

    internal static IReadOnlyList<ClusterConfig> Clusters(TimeSpan upstreamTimeout, bool withWeb = false) =>
        ResourceNames.Services.Select(s => s.Service).Concat(withWeb ? [ResourceNames.Web] : []).Select(service => new ClusterConfig
        {
            ClusterId = service,
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = upstreamTimeout },
            // Requests failing in transport take a destination out for a while (YARP's passive checks);
            // a service that stopped answering altogether is caught by UpstreamAvailability's probes.
            HealthCheck = new HealthCheckConfig
            {
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true, Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate, ReactivationPeriod = TimeSpan.FromSeconds(5),
                },
            },
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = $"http://{service}" },
            },
        }).ToList();
}
