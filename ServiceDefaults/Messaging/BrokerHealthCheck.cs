using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Readiness of the service's broker: a channel opened on a kept connection within a few seconds. A
/// paused or unreachable RabbitMQ keeps MassTransit's TCP connection open until heartbeats time out,
/// so the bus alone went on reporting healthy (outside testing paused RabbitMQ and every /health said
/// healthy); opening a channel is a round trip the broker must answer.
/// </summary>
public sealed class BrokerHealthCheck(string connectionString) : IHealthCheck, IAsyncDisposable
{
    public const string Name = "broker";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                await DropConnectionAsync();
                _connection = await ConnectionFor(connectionString, "health-check").CreateConnectionAsync(timeout.Token);
            }

            await using var channel = await _connection.CreateChannelAsync(cancellationToken: timeout.Token);
            return HealthCheckResult.Healthy("RabbitMQ answers.");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The next check starts from a fresh connection: the broker may have come back.
            await DropConnectionAsync();
            return new HealthCheckResult(context.Registration.FailureStatus, $"RabbitMQ does not answer within {Timeout.TotalSeconds:0} s.", exception);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A connection of the service's own to the broker for looking at it (health, queue figures), beside MassTransit's:
    /// short timeouts, no automatic recovery (the next look connects afresh), named on the broker's side.
    /// </summary>
    internal static ConnectionFactory ConnectionFor(string connectionString, string name) => new()
    {
        Uri = new Uri(connectionString), RequestedConnectionTimeout = Timeout, ContinuationTimeout = Timeout,
        AutomaticRecoveryEnabled = false, ClientProvidedName = name,
    };

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            try
            {
                await _connection.DisposeAsync();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A connection to a paused broker may fail to close; it is abandoned either way.
            }

            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropConnectionAsync();
        _gate.Dispose();
    }
}
