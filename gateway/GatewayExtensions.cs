using ReliefPlatform.Contracts;
using Yarp.ReverseProxy.Configuration;

namespace ReliefPlatform.Gateway;

public static class GatewayExtensions
{
    /// <summary>
    /// The reverse proxy: one route per service, <c>/api/{service}/**</c> forwarded unchanged to the
    /// service found by service discovery (<c>http://{resource-name}</c>), so the gateway follows the
    /// AppHost's resource names and needs no addresses of its own.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes(), Clusters())
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapReverseProxy();
        return app;
    }

    internal static IReadOnlyList<RouteConfig> Routes() =>
        ResourceNames.Services.Select(s => new RouteConfig
        {
            RouteId = s.Service,
            ClusterId = s.Service,
            Match = new RouteMatch { Path = $"{ResourceNames.ApiPrefix(s.Service)}/{{**rest}}" },
        }).ToList();

    internal static IReadOnlyList<ClusterConfig> Clusters() =>
        ResourceNames.Services.Select(s => new ClusterConfig
        {
            ClusterId = s.Service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [s.Service] = new() { Address = $"http://{s.Service}" },
            },
        }).ToList();
}
