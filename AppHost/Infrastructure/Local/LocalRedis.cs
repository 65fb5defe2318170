using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.DependencyInjection;

namespace ReliefPlatform.AppHost.Infrastructure.Local;

/// <summary>A Redis server from Debian's package, run as a local process without persistence.</summary>
public sealed class LocalRedisResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The same shape as Aspire's Redis container resource.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}

public static class LocalRedisBuilderExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, LocalServerBinaries binaries, LocalRunDirectory run)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(binaries);
        ArgumentNullException.ThrowIfNull(run);

        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var directory = Path.Combine(run.Path, name);
        var configFile = Path.Combine(directory, "redis.conf");
        var redis = new LocalRedisResource(name, binaries.RedisServer, run.Path, password);

        // The password goes through a file, not the command line the dashboard shows.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, ct) =>
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllLinesAsync(configFile,
            [
                "bind 127.0.0.1 -::1",
                "protected-mode no",
                "daemonize no",
                $"dir {directory}",
                "save \"\"",
                "appendonly no",
                $"requirepass {await password.GetValueAsync(ct)}",
            ], ct);
            UnixPermissions.Set(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        });

        var healthCheckKey = $"{name}_check";
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, ct) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(ct));
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("The connection string is not available yet."),
            name: healthCheckKey);

        // Not proxied, as PostgreSQL's endpoint: the gateway asks Redis on every request (rate limits); its port reserved too.
        var port = run.ReservePort();
        return builder.AddResource(redis)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalRedisResource.PrimaryEndpointName, isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Memory")
            .ExcludeFromManifest();
    }
}
