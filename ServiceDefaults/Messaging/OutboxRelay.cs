using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// One round of relaying outbox rows to RabbitMQ. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>
/// so several replicas share the work without relaying the same row at once; a row is deleted only
/// after the broker confirmed its publish (MassTransit waits for publisher confirms). A crash after
/// the confirm but before the delete commits relays the row again with the same message id, which
/// the consumers' inboxes turn into a no-op.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    TDbContext db,
    IBus bus,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> logger) where TDbContext : DbContext
{
    /// <summary>Relays one batch; returns how many rows the broker confirmed.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var rows = await db.Set<OutboxMessage>()
            .FromSql(
                $"""
                SELECT * FROM outbox_messages
                WHERE available_at <= now()
                ORDER BY id
                LIMIT {settings.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        // Publishing the batch concurrently lets the broker's confirms pipeline instead of one round trip per row.
        var results = await Task.WhenAll(rows.Select(row => PublishAsync(row, settings.PublishTimeout, cancellationToken)));

        var confirmedIds = new List<long>(rows.Count);
        var now = clock.GetUtcNow();
        for (var i = 0; i < rows.Count; i++)
        {
            if (results[i] is null)
            {
                confirmedIds.Add(rows[i].Id);
            }
            else
            {
                rows[i].RecordFailure(results[i]!, now, settings.MaxBackoff);
            }
        }

        // One statement for the confirmed rows (issue 22: a DELETE per row was the most frequent statement of a notifying
        // service in a surge); the failed ones keep their row with the attempt recorded.
        if (confirmedIds.Count > 0)
        {
            await db.Set<OutboxMessage>().Where(m => confirmedIds.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        var confirmed = confirmedIds.Count;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        MessagingTelemetry.OutboxRelayed.Add(confirmed);
        if (confirmed < rows.Count)
        {
            MessagingTelemetry.OutboxRelayFailures.Add(rows.Count - confirmed);
            logger.LogWarning(LogEvents.OutboxPartlyConfirmed, "Outbox relay: the broker confirmed {Confirmed} of {Count} messages; the others wait and are retried", confirmed, rows.Count);
        }

        return confirmed;
    }

    /// <returns>null when confirmed, else the error.</returns>
    private async Task<string?> PublishAsync(OutboxMessage row, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = MessagingTelemetry.ActivitySource.StartActivity("outbox relay", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.MessageId);
        activity?.SetTag("messaging.message.type", row.MessageType);

        try
        {
            var type = row.ResolveType();
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            await bus.Publish(OutboxMessage.RoutingPlaceholder(type), type, context =>
            {
                // The body is the JSON the transaction stored, sent as it is (see OutboxMessage.RoutingPlaceholder).
                context.Serializer = new StoredJsonSerializer(row.Body);
                context.MessageId = row.MessageId;
                // An event no queue is bound to yet (a consumer's first deployment) comes back
                // instead of vanishing: the row stays and is relayed again once the queue exists.
                if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
                {
                    rabbit.Mandatory = true;
                }

                if (row.CorrelationId is { } correlationId)
                {
                    context.Headers.Set(MessageHeaders.CorrelationId, correlationId);
                    if (Guid.TryParse(correlationId, out var correlationGuid))
                    {
                        context.CorrelationId = correlationGuid;
                    }
                }
            }, timeoutSource.Token);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            logger.LogDebug(exception, "Outbox relay of message {MessageId} failed", row.MessageId);
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }
}

/// <summary>Header names the platform adds to MassTransit messages.</summary>
public static class MessageHeaders
{
    public const string CorrelationId = "X-Correlation-Id";
}
