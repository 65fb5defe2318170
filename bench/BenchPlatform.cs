using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReliefPlatform.AppHost;
using ReliefPlatform.AppHost.Infrastructure;
using ReliefPlatform.AppHost.Infrastructure.Local;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Bench;

/// <summary>The whole platform, started from the AppHost in local mode, as the tests start it.</summary>
public sealed class BenchPlatform : IAsyncDisposable
{
    private DistributedApplication _app = null!;

    public DistributedApplication App => _app;

    public Uri Gateway { get; private set; } = null!;

    /// <param name="processMemoryMb">The container memory each process is measured in (0: the machine's).</param>
    /// <param name="serviceSettings">Settings given to every service (<c>Section:Key=value</c>), for runs that compare one setting.</param>
    public static async Task<BenchPlatform> StartAsync(int processMemoryMb = 0, IReadOnlyList<string>? serviceSettings = null)
    {
        var platform = new BenchPlatform();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--{InfrastructureModeSelector.ConfigurationKey}=local", $"--{PlatformServiceExtensions.GatewayPortKey}=0", $"--{PlatformIdentity.DevelopmentClientsKey}=true",
             $"--{PlatformServiceExtensions.ProcessMemoryKey}={processMemoryMb}",
             // Measured as production runs PostgreSQL: fsync and full-page writes on (issue 22).
             $"--{LocalPostgresBuilderExtensions.DurableKey}=true"],
            timeout.Token);
        // The harness reports each resource's health itself ([start] lines); the AppHost's checks failing while the harness
        // stops services (the front door alone) or the platform at the end are expected, not errors to print.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("ReliefPlatform.AppHost.Resources", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var resource = builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
            foreach (var setting in serviceSettings ?? [])
            {
                var keyAndValue = setting.Split('=', 2);
                resource.WithEnvironment(keyAndValue[0].Replace(":", "__", StringComparison.Ordinal), keyAndValue[1]);
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        platform._app = await builder.BuildAsync(timeout.Token);
        // When each resource started running and turned healthy (issue 22, target 4: what the start waits for, in order).
        var milestones = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in platform._app.ResourceNotifications.WatchAsync(watching.Token))
                {
                    if (update.Snapshot.State?.Text == KnownResourceStates.Running)
                    {
                        milestones.TryAdd($"{update.Resource.Name} running", clock.Elapsed.TotalSeconds);
                    }

                    if (update.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                    {
                        milestones.TryAdd($"{update.Resource.Name} healthy", clock.Elapsed.TotalSeconds);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        await platform._app.StartAsync(timeout.Token);
        var model = platform._app.Services.GetRequiredService<DistributedApplicationModel>();
        await Task.WhenAll(model.Resources
            .Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any())
            .Select(r => platform._app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, timeout.Token)));
        await watching.CancelAsync();
        await watcher;
        Console.WriteLine($"[start] after (s): {string.Join(", ", milestones.OrderBy(m => m.Value).Select(m => $"{m.Key} {m.Value:0.0}"))}");
        Console.WriteLine($"[start] CPU of each process until then (s): {string.Join(", ", ServiceCpu.Snapshot().OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:0.0}"))}");
        platform.Gateway = platform._app.GetEndpoint(ResourceNames.Gateway, "http");
        return platform;
    }

    /// <summary>
    /// Waits until the platform is idle: every outbox empty and no service consuming (the inboxes stop
    /// growing), so that one scenario's background work does not slow the next one's figures.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        string[] databases = [ResourceNames.IntakeDb, ResourceNames.EligibilityDb, ResourceNames.ReliefDb, ResourceNames.PaymentsDb, ResourceNames.NotificationDb, ResourceNames.OversightDb];
        var sources = new List<Npgsql.NpgsqlDataSource>();
        foreach (var database in databases)
        {
            sources.Add(Npgsql.NpgsqlDataSource.Create(await ConnectionStringAsync(database)));
        }

        try
        {
            var deadline = DateTime.UtcNow + timeout;
            long lastInbox = -1;
            var quiet = 0;
            while (DateTime.UtcNow < deadline && quiet < 3)
            {
                long outbox = 0, inbox = 0;
                foreach (var source in sources)
                {
                    await using var command = source.CreateCommand("SELECT (SELECT count(*) FROM outbox_messages), (SELECT count(*) FROM inbox_messages)");
                    await using var reader = await command.ExecuteReaderAsync();
                    await reader.ReadAsync();
                    outbox += reader.GetInt64(0);
                    inbox += reader.GetInt64(1);
                }

                quiet = outbox == 0 && inbox == lastInbox ? quiet + 1 : 0;
                lastInbox = inbox;
                await Task.Delay(1000);
            }
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Stops services (an operator's stop: their queues keep what arrives meanwhile), to measure one part of the
    /// platform without the rest taking the same cores.
    /// </summary>
    public async Task StopServicesAsync(IReadOnlyList<string> services)
    {
        foreach (var service in services)
        {
            await _app.ResourceCommands.ExecuteCommandAsync(service, KnownResourceCommands.StopCommand);
            await _app.ResourceNotifications.WaitForResourceAsync(service, KnownResourceStates.TerminalStates).WaitAsync(TimeSpan.FromMinutes(2));
        }
    }

    /// <summary>Starts stopped services again and waits until each is healthy (its consumers take their queues).</summary>
    public async Task StartServicesAsync(IReadOnlyList<string> services)
    {
        foreach (var service in services)
        {
            await _app.ResourceCommands.ExecuteCommandAsync(service, KnownResourceCommands.StartCommand);
        }

        await Task.WhenAll(services.Select(s => _app.ResourceNotifications.WaitForResourceHealthyAsync(s).WaitAsync(TimeSpan.FromMinutes(3))));
    }

    public Uri Endpoint(string resource) => _app.GetEndpoint(resource, "http");

    public async Task<string> ConnectionStringAsync(string database) =>
        await _app.GetConnectionStringAsync(database) ?? throw new InvalidOperationException($"No connection string for {database}.");

    /// <summary>A token of the development province client (all scopes, all counties, no practical rate limit).</summary>
    public async Task<string> TokenAsync()
    {
        using var http = new HttpClient { BaseAddress = Gateway };
        using var response = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "dev-province", ["client_secret"] = "dev-province-secret",
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public async Task<HttpClient> ClientAsync(Uri baseAddress, int connections = 256)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
