using Aspire.Hosting;
using MassTransit;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReliefPlatform.AppHost;
using ReliefPlatform.AppHost.Infrastructure;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.IntegrationTests.Platform;

/// <summary>
/// The whole platform, started once from the AppHost in local mode (real PostgreSQL, RabbitMQ and
/// Redis processes) and shared by every test of the collection: starting it is the slow part.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform has not started.");

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The folders payments and the sandbox bank exchange files in (file-drop, issue 18): <c>outgoing/</c> and <c>incoming/</c>.</summary>
    public string BankFolder { get; } = Directory.CreateTempSubdirectory("reliefplatform-bank-").FullName;

    /// <summary>A MassTransit bus on the platform's broker, standing in for services whose events are not built yet.</summary>
    public async Task<IBusControl> StartTestBusAsync()
    {
        var connectionString = await App.GetConnectionStringAsync(ResourceNames.Messaging);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(connectionString!)));
        await bus.StartAsync();
        return bus;
    }

    /// <summary>Processes of each service, the gateway and the web frontend (issue 23: a replicated platform sets 2).</summary>
    protected virtual int Replicas => 1;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout * Replicas);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--{InfrastructureModeSelector.ConfigurationKey}=local", $"--{PlatformServiceExtensions.GatewayPortKey}=0",
             $"--{PlatformServiceExtensions.PrivateWebhookAddressesKey}=true", $"--{PlatformIdentity.DevelopmentClientsKey}=true",
             $"--{PlatformServiceExtensions.BankFolderKey}={BankFolder}", $"--{PlatformServiceExtensions.ReplicasKey}={Replicas}"],
            timeout.Token);
        // Resource logs (PostgreSQL, RabbitMQ, services) stay on the dashboard; the test log keeps warnings.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        // Without a dashboard to receive telemetry, exporters retrying against nothing slow every shutdown.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "")
                // Queue figures read every second, so a test sees a dead letter arrive and leave in the health.
                .WithEnvironment("Messaging__Queues__ReadEvery", "00:00:01");
        }

        // Look for overdue leads every second instead of every minute, so a test sees one go overdue.
        var intake = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Intake);
        builder.CreateResourceBuilder(intake).WithEnvironment("Intake__Leads__ScanInterval", "00:00:01");
        // Reviews of assist-first payments fall due after two seconds, so a test sees one go overdue.
        var relief = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Relief);
        builder.CreateResourceBuilder(relief).WithEnvironment("Relief__AssistFirstReviewPeriod", "00:00:02")
            .WithEnvironment("Relief__ReviewScanInterval", "00:00:01");
        // The procedure's steps read the time from X-Test-Clock (a 7-day disclosure closes in a test); the monthly
        // run and re-certification scan are run by the tests, not by the schedule (it would pay under other tests).
        var eligibility = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Eligibility);
        builder.CreateResourceBuilder(eligibility).WithEnvironment("Eligibility__Procedure__AllowTestClock", "true")
            .WithEnvironment("Eligibility__Schedule__Enabled", "false");
        // The console passes a journey's X-Test-Clock on to the APIs, so an approver in the browser decides after the disclosure.
        var web = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Web);
        builder.CreateResourceBuilder(web).WithEnvironment("Web__ForwardTestClock", "true");
        // Webhook receivers in the tests listen on localhost; failed deliveries are retried within a second
        // and dead-lettered after the fourth attempt.
        var notification = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Notification);
        builder.CreateResourceBuilder(notification)
            .WithEnvironment("Notifications__FirstRetryDelay", "00:00:00.300")
            .WithEnvironment("Notifications__MaxRetryDelay", "00:00:01")
            .WithEnvironment("Notifications__MaxAttempts", "4")
            .WithEnvironment("Notifications__SandboxSms__FailPrefix", "170")
            // The delivery log's retention applied every second, so a test sees an old delivery go.
            .WithEnvironment("Notifications__PruneInterval", "00:00:01");

        _app = await builder.BuildAsync(timeout.Token);
        // The orchestrator streams a resource's console only while somebody watches it: watch from the start.
        foreach (var resource in WatchedLogs)
        {
            _logs[resource] = new System.Text.StringBuilder();
        }

        _ = FollowLogsAsync(_stopping.Token);

        await _app.StartAsync(timeout.Token);

        var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
        // Every resource with a health check: the servers, the databases, the services and the gateway
        // (Aspire's hidden helper resources, such as a project's rebuilder, have none and never start).
        var waits = model.Resources
            .Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any())
            .Select(r => _app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, timeout.Token));
        try
        {
            await Task.WhenAll(waits);
        }
        catch (Exception)
        {
            // A start that fails leaves what each process said, for the CI's artifacts.
            var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "artifacts", "start-failures", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            foreach (var resource in WatchedLogs)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"{resource}.log"), LogsOf(resource), CancellationToken.None);
            }

            throw;
        }

        // Issue 24: what a clean start and an idle platform wrote, before any test asks anything of it. The periodic
        // workers (lead scans every second here, outbox relays, upstream probes) run a few rounds in the pause.
        await Task.Delay(IdleWatch, timeout.Token);
        foreach (var resource in DotNetResources)
        {
            _startLogs[resource] = LogsOf(resource);
        }

        Gateway = ClientFor(DevelopmentClients.Province);
    }

    private static readonly TimeSpan IdleWatch = TimeSpan.FromSeconds(5);

    /// <summary>The platform's own .NET processes: the gateway, the web frontend and the services.</summary>
    public static IReadOnlyList<string> DotNetResources { get; } =
        [ResourceNames.Gateway, ResourceNames.Web, .. ResourceNames.Services.Select(s => s.Service)];

    private readonly Dictionary<string, string> _startLogs = new(StringComparer.Ordinal);

    /// <summary>What a .NET resource wrote from its start until the platform had been healthy and idle for a few seconds.</summary>
    public string StartLogsOf(string resource) => _startLogs[resource];

    /// <summary>
    /// A dashboard command as an operator clicks it: on the resource, or with replicas on one of its processes (the
    /// dashboard lists each; an HTTP command reaches the service's API the same from any).
    /// </summary>
    public Task<ExecuteCommandResult> ExecuteDashboardCommandAsync(string resource, string command)
    {
        string instance;
        lock (_instances)
        {
            instance = _instances.TryGetValue(resource, out var ids) ? ids.Order(StringComparer.Ordinal).First() : resource;
        }

        return App.ResourceCommands.ExecuteCommandAsync(instance, command);
    }

    /// <summary>A client of the gateway sending the token of a development person (signed in with the code flow).</summary>
    public Task<HttpClient> ClientForPersonAsync(string userName) =>
        new PersonSignIn(App.GetEndpoint(ResourceNames.Gateway, "http")).ClientAsync(userName);

    /// <summary>A client of the gateway without a token (for 401s, documents and the token endpoint).</summary>
    public HttpClient AnonymousGateway()
    {
        var client = App.CreateHttpClient(ResourceNames.Gateway);
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    /// <summary>A client of the gateway that sends a token of one of the gateway's development clients, renewed as needed.</summary>
    public HttpClient ClientFor(string clientId, string? scope = null)
    {
        var baseAddress = App.GetEndpoint(ResourceNames.Gateway, "http");
        var client = new HttpClient(new BearerTokenHandler(baseAddress, clientId, DevelopmentClients.SecretOf(clientId), scope))
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return client;
    }

    /// <summary>
    /// Waits until a service's transactional inbox holds every one of the messages: what each caused is
    /// committed with its row, and a redelivery of any of them can change nothing any more. The sound
    /// way to say "and nothing more happens" after duplicates, instead of sleeping.
    /// </summary>
    public async Task WaitUntilHandledAsync(string database, params Guid[] messageIds)
    {
        var connectionString = await App.GetConnectionStringAsync(database);
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(DISTINCT message_id) FROM inbox_messages WHERE message_id = ANY($1)", connection)
            {
                Parameters = { new() { Value = messageIds } },
            };
            return (long)(await command.ExecuteScalarAsync())! == messageIds.Length;
        }, $"{database} to handle {messageIds.Length} message(s)");
    }

    private static readonly string[] WatchedLogs = [ResourceNames.Postgres, .. DotNetResources];
    private readonly Dictionary<string, System.Text.StringBuilder> _logs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    // The processes of each resource (one, or one per replica), by the ids the orchestrator gives them.
    private readonly Dictionary<string, HashSet<string>> _instances = new(StringComparer.Ordinal);

    /// <summary>What a resource (PostgreSQL, the gateway, the web frontend, a service) wrote to its console so far.</summary>
    public string LogsOf(string resource)
    {
        var log = _logs[resource];
        lock (log)
        {
            return log.ToString();
        }
    }

    /// <summary>Logs are kept per resource instance (its id, e.g. <c>gateway-abc123</c>); each new instance of a watched resource is followed.</summary>
    private async Task FollowLogsAsync(CancellationToken ct)
    {
        var followed = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in App.ResourceNotifications.WatchAsync(ct))
            {
                lock (_instances)
                {
                    if (!_instances.TryGetValue(update.Resource.Name, out var ids))
                    {
                        _instances[update.Resource.Name] = ids = new HashSet<string>(StringComparer.Ordinal);
                    }

                    ids.Add(update.ResourceId);
                }

                if (_logs.TryGetValue(update.Resource.Name, out var log) && followed.Add(update.ResourceId))
                {
                    _ = CollectLogsAsync(update.ResourceId, log, ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CollectLogsAsync(string resourceId, System.Text.StringBuilder log, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resourceId).WithCancellation(ct))
            {
                lock (log)
                {
                    foreach (var line in batch)
                    {
                        log.AppendLine(line.Content);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        _stopping.Dispose();
        Gateway?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(BankFolder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
