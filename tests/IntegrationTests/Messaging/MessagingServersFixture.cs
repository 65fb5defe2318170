using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReliefPlatform.AppHost.Infrastructure;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>
/// Real PostgreSQL and RabbitMQ servers, run by the AppHost's own local-process resources, for the
/// outbox and inbox tests. Each test gets a fresh database; the broker can be stopped and started.
/// </summary>
public sealed class MessagingServersFixture : IAsyncLifetime
{
    private const string PostgresName = ResourceNames.Postgres;
    public const string BrokerName = ResourceNames.Messaging;

    private DistributedApplication? _app;
    private string _serverConnectionString = "";

    public string BrokerConnectionString { get; private set; } = "";

    public DistributedApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--{InfrastructureModeSelector.ConfigurationKey}=local", $"--{PlatformInfrastructureExtensions.InfrastructureOnlyKey}=true"],
            timeout.Token);
        // Resource logs (PostgreSQL, RabbitMQ, services) stay on the dashboard; the test log keeps warnings.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(PostgresName, timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(BrokerName, timeout.Token);

        _serverConnectionString = (await _app.GetConnectionStringAsync(PostgresName, timeout.Token))!;
        BrokerConnectionString = (await _app.GetConnectionStringAsync(BrokerName, timeout.Token))!;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}"[..20];
        await using var connection = new NpgsqlConnection(_serverConnectionString + ";Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return _serverConnectionString + $";Database={name}";
    }

    public async Task StopBrokerAsync()
    {
        await App.ResourceCommands.ExecuteCommandAsync(BrokerName, KnownResourceCommands.StopCommand);
        await App.ResourceNotifications.WaitForResourceAsync(BrokerName, KnownResourceStates.TerminalStates);
    }

    public async Task StartBrokerAsync()
    {
        await App.ResourceCommands.ExecuteCommandAsync(BrokerName, KnownResourceCommands.StartCommand);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(BrokerName);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MessagingServersCollection : ICollectionFixture<MessagingServersFixture>
{
    public const string Name = "messaging-servers";
}
