using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>Settings of the consumer queues' health (configuration section <c>Messaging:Queues</c>, issue 24).</summary>
public sealed class QueueHealthOptions
{
    public const string SectionName = "Messaging:Queues";

    /// <summary>Health is Degraded when a consumer queue holds more messages than this: the service falls behind.</summary>
    public int DegradedDepth { get; set; } = 1_000;

    /// <summary>How long one reading of the queues serves the health checks and the dashboard: readiness is probed every few seconds.</summary>
    public TimeSpan ReadEvery { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// The service's consumer queues, as MassTransit configured them (<c>{service}-{consumer}</c>), and what waits
/// in each and in its <c>_error</c> queue, where a message goes after its retries: a dead letter that needs an
/// operator. Read over AMQP with passive declares (no management plugin needed); the readings feed the health
/// check and the dashboard's gauges.
/// </summary>
public sealed class ConsumerQueues(string connectionString, IOptions<QueueHealthOptions> options, TimeProvider clock, ILogger<ConsumerQueues> logger) : IAsyncDisposable
{
    public const string ErrorSuffix = "_error";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly Meter Meter = new(MessagingTelemetry.MeterName);
    private static readonly ConcurrentDictionary<string, (long Depth, long DeadLetters)> Figures = new(StringComparer.Ordinal);

    // One gauge per figure for the whole process, tagged by queue: the dashboard shows each consumer's line.
    static ConsumerQueues()
    {
        Meter.CreateObservableGauge("reliefplatform.queue.depth",
            () => Figures.Select(f => new Measurement<long>(f.Value.Depth, new KeyValuePair<string, object?>("queue", f.Key))), "{message}",
            "Messages waiting in each consumer queue.");
        Meter.CreateObservableGauge("reliefplatform.queue.dead_letters",
            () => Figures.Select(f => new Measurement<long>(f.Value.DeadLetters, new KeyValuePair<string, object?>("queue", f.Key))), "{message}",
            "Messages in each consumer queue's _error queue: failed after their retries, waiting for an operator.");
    }

    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private (DateTimeOffset At, IReadOnlyList<QueueReading> Readings)? _last;

    /// <summary>Called by MassTransit's endpoint configuration for every receive endpoint of the service.</summary>
    public void Add(string queueName) => _names.TryAdd(queueName, 0);

    public IReadOnlyCollection<string> Names => [.. _names.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Each queue's depth and dead letters, read at most every <see cref="QueueHealthOptions.ReadEvery"/>.</summary>
    public async Task<IReadOnlyList<QueueReading>> ReadAsync(CancellationToken ct, bool fresh = false)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (!fresh && _last is { } last && now - last.At < options.Value.ReadEvery)
            {
                return last.Readings;
            }

            var readings = new List<QueueReading>();
            foreach (var name in Names)
            {
                var depth = await CountAsync(name, ct) ?? 0;
                var deadLetters = await CountAsync(name + ErrorSuffix, ct) ?? 0;
                readings.Add(new QueueReading(name, depth, deadLetters));
                Figures[name] = (depth, deadLetters);
            }

            _last = (now, readings);
            return readings;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Moves every dead letter of the service's queues back to the queue it failed in, headers and body as they
    /// were (MassTransit's fault headers say why it failed before), once the cause is mended. Each message is
    /// published before it is acknowledged on the error queue: a crash in between leaves a copy in both, and the
    /// consumer's inbox makes the second one change nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> ReplayDeadLettersAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var moved = new Dictionary<string, int>(StringComparer.Ordinal);
            var connection = await ConnectAsync(ct);
            foreach (var name in Names)
            {
                if (await CountOnAsync(connection, name + ErrorSuffix, ct) is not > 0)
                {
                    continue;
                }

                await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
                var count = 0;
                while (await channel.BasicGetAsync(name + ErrorSuffix, autoAck: false, ct) is { } message)
                {
                    var properties = new BasicProperties(message.BasicProperties);
                    // Straight to the queue through the default exchange: only this service's consumer sees it again.
                    await channel.BasicPublishAsync(exchange: "", routingKey: name, mandatory: true, basicProperties: properties, body: message.Body, cancellationToken: ct);
                    await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
                    count++;
                }

                moved[name] = count;
                logger.LogInformation("Replayed {Count} dead letters from {Queue}{Suffix}", count, name, ErrorSuffix);
            }

            _last = null;
            return moved;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The health rule over one reading: dead letters wait, or a queue is deeper than the limit.</summary>
    public static HealthCheckResult Assess(IReadOnlyList<QueueReading> readings, int degradedDepth)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var data = readings.ToDictionary(r => r.Queue, r => (object)$"{r.Depth} waiting, {r.DeadLetters} dead letters");
        var problems = readings.Where(r => r.DeadLetters > 0)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.DeadLetters} dead letters in {r.Queue}{ErrorSuffix}"))
            .Concat(readings.Where(r => r.Depth > degradedDepth)
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Depth} messages wait in {r.Queue} (over {degradedDepth})")))
            .ToList();
        return problems.Count == 0
            ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{readings.Count} queues, {readings.Sum(r => r.Depth)} messages waiting"), data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }

    private async Task<long?> CountAsync(string queue, CancellationToken ct) => await CountOnAsync(await ConnectAsync(ct), queue, ct);

    /// <summary>A passive declare answers the queue's message count; a queue never created (no dead letter yet) is null.</summary>
    private static async Task<long?> CountOnAsync(IConnection connection, string queue, CancellationToken ct)
    {
        // A passive declare of a missing queue closes its channel (404), so each count has its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        _connection = await BrokerHealthCheck.ConnectionFor(connectionString, "queue-figures").CreateConnectionAsync(timeout.Token);
        return _connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }
}

public sealed record QueueReading(string Queue, long Depth, long DeadLetters);

/// <summary>Degraded while dead letters wait or a consumer queue grows past its limit (issue 24); the figures are in the description.</summary>
public sealed class ConsumerQueuesHealthCheck(ConsumerQueues queues, IOptions<QueueHealthOptions> options) : IHealthCheck
{
    public const string Name = "queues";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return ConsumerQueues.Assess(await queues.ReadAsync(cancellationToken), options.Value.DegradedDepth);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The broker check says Unhealthy when RabbitMQ is away; this one only says the figures are unknown.
            return HealthCheckResult.Degraded("The queues' figures could not be read from RabbitMQ.", exception);
        }
    }
}
