using System.Globalization;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace ReliefPlatform.AppHost.Infrastructure.Local;

/// <summary>A RabbitMQ node from Debian's package, run as a local process with its own Erlang ports.</summary>
public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string UserName = "guest";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The same shape as Aspire's RabbitMQ container resource.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{PasswordParameter:uri}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

/// <summary>Erlang's port mapper for one RabbitMQ node; run by the orchestrator so that it stops with the run.</summary>
public sealed class LocalEpmdResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory)
{
    public int Port { get; } = port;
}

public static class LocalRabbitMqBuilderExtensions
{
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, LocalServerBinaries binaries, LocalRunDirectory run)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(binaries);
        ArgumentNullException.ThrowIfNull(run);

        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var directory = Path.Combine(run.Path, name);
        var home = Path.Combine(directory, "home");
        var configFile = Path.Combine(directory, "rabbitmq.conf");

        // epmd and the distribution port cannot sit behind the orchestrator's proxy (Erlang checks that
        // epmd answers on the port it was told), so they get real ports of their own, held for the run.
        var epmdPort = run.ReservePort();
        var distributionPort = run.ReservePort();
        var amqpPort = run.ReservePort();

        var epmd = new LocalEpmdResource($"{name}-epmd", binaries.Epmd, run.Path, epmdPort);
        var epmdHealthKey = $"{epmd.Name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(epmdHealthKey, async ct =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", epmdPort, ct);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException exception)
            {
                return HealthCheckResult.Unhealthy($"epmd does not answer ({exception.Message})");
            }
        });
        var epmdBuilder = builder.AddResource(epmd)
            .WithArgs("-port", epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1")
            .WithHealthCheck(epmdHealthKey)
            .WithIconName("PlugConnected")
            .ExcludeFromManifest();

        var rabbit = new LocalRabbitMqResource(name, binaries.RabbitMqServer, run.Path, password);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(rabbit, async (_, ct) =>
        {
            Directory.CreateDirectory(home);
            Directory.CreateDirectory(Path.Combine(directory, "mnesia"));
            Directory.CreateDirectory(Path.Combine(directory, "log"));
            await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].\n", ct);
            await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq-env.conf"), "", ct);
            // The password goes through a file, not the environment the dashboard shows.
            await File.WriteAllLinesAsync(configFile,
            [
                $"default_user = {LocalRabbitMqResource.UserName}",
                $"default_pass = {await password.GetValueAsync(ct)}",
                "loopback_users = none",
                "log.console = true",
                "log.console.level = info",
                "log.file = false",
            ], ct);
            UnixPermissions.Set(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        });

        var healthCheckKey = $"{name}_check";
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(rabbit, async (_, ct) =>
            connectionString = await rabbit.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheck = new RabbitMqConnectionHealthCheck(() => connectionString);
        builder.AddWatchfulHealthCheck(healthCheckKey, healthCheck);

        var rabbitBuilder = builder.AddResource(rabbit)
            // Not proxied, as PostgreSQL's endpoint: every message crossed the orchestrator's proxy twice. Its port is
            // reserved like epmd's (see LocalRunDirectory.ReservePort), not left to the orchestrator.
            .WithEndpoint(port: amqpPort, targetPort: amqpPort, scheme: "tcp", name: LocalRabbitMqResource.PrimaryEndpointName, env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithEnvironment("HOME", home)
            .WithEnvironment("RABBITMQ_NODENAME", $"rabbit-{run.RunId}@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            // The orchestrator runs epmd; without this RabbitMQ starts a stray daemon that outlives the run.
            .WithEnvironment("ERL_AFLAGS", "-start_epmd false")
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", Path.Combine(directory, "rabbitmq-env.conf"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", configFile)
            .WithEnvironment("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(directory, "advanced.config"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(directory, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(directory, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(directory, "log"))
            .WithEnvironment("RABBITMQ_LOGS", "-")
            .WithEnvironment("RABBITMQ_SASL_LOGS", "-")
            .WaitFor(epmdBuilder)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Mail")
            .ExcludeFromManifest();
        epmdBuilder.WithParentRelationship(rabbitBuilder);
        return rabbitBuilder;
    }
}

/// <summary>Healthy when an AMQP connection opens; the connection is kept to avoid churn in the broker's log.</summary>
internal sealed class RabbitMqConnectionHealthCheck(Func<string?> connectionString) : IHealthCheck, IAsyncDisposable
{
    private IConnection? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } uri)
        {
            return HealthCheckResult.Unhealthy("The connection string is not available yet.");
        }

        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null)
                {
                    await _connection.DisposeAsync();
                }

                var factory = new ConnectionFactory { Uri = new Uri(uri), RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
                _connection = await factory.CreateConnectionAsync("reliefplatform-apphost-health", cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reason without its stack: a broker starting or stopped is expected, not an error of the AppHost's.
            return HealthCheckResult.Unhealthy($"RabbitMQ does not accept AMQP connections ({exception.Message}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
