using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// A MassTransit consumer whose effect happens once per message id, however often RabbitMQ delivers
/// it. The inbox row, the consumer's state change and any outbox rows it writes commit in one
/// transaction: a crash before the commit leaves nothing (the message is redelivered), a crash after
/// it leaves the inbox row that makes the redelivery a no-op.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TDbContext>(TDbContext db, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    /// <summary>The inbox key of this consumer; stable across renames of the class if overridden.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} message arrived without a message id; the inbox cannot de-duplicate it.");
        var correlationId = context.Headers.Get<string>(MessageHeaders.CorrelationId) ?? context.CorrelationId?.ToString("N");

        using var correlation = CorrelationContext.Begin(correlationId);
        // What the handler changes is recorded as the platform's own doing, on this event.
        using var actor = Audit.AuditActor.Begin(Contracts.Security.Actor.System(ConsumerName));
        using var logScope = logger.BeginScope(new Dictionary<string, object?> { ["CorrelationId"] = correlationId, ["MessageId"] = messageId });
        Db.ChangeTracker.Clear();
        await using var transaction = await Db.Database.BeginTransactionAsync(context.CancellationToken);

        if (!await InboxStore.TryRecordAsync(Db, messageId, ConsumerName, context.CancellationToken))
        {
            await transaction.RollbackAsync(context.CancellationToken);
            MessagingTelemetry.InboxDuplicates.Add(1);
            logger.LogInformation("{Consumer} already handled message {MessageId}; the redelivery is skipped", ConsumerName, messageId);
            return;
        }

        await HandleAsync(context.Message, context);
        await Db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        Committed();
    }

    /// <summary>
    /// After the message's changes committed: the place for what must count once per change, not once per attempt (a
    /// metric of what the message decided), since a rolled-back message is handled again.
    /// </summary>
    protected virtual void Committed()
    {
    }

    /// <summary>
    /// Change state through <see cref="Db"/> (and write events with <c>Db.AddToOutbox</c>); the base
    /// class saves and commits. Throwing rolls everything back and lets MassTransit retry.
    /// </summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);
}

public static class InboxStore
{
    /// <summary>
    /// Inserts the inbox row; false when it exists. A concurrent delivery of the same message blocks on
    /// the key until the first transaction ends, then sees the row (or takes over after a rollback).
    /// </summary>
    public static async Task<bool> TryRecordAsync(DbContext db, Guid messageId, string consumer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {consumer}, now()) ON CONFLICT DO NOTHING",
            cancellationToken);
        return inserted == 1;
    }

    /// <summary>Inserts the inbox rows of a batch in one statement; returns the ids that were not there yet (the ones to handle).</summary>
    public static async Task<HashSet<Guid>> TryRecordManyAsync(DbContext db, Guid[] messageIds, string consumer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var inserted = await db.Database.SqlQuery<Guid>(
            $"""
            INSERT INTO inbox_messages (message_id, consumer, processed_at)
            SELECT DISTINCT id, {consumer}, now() FROM unnest({messageIds}::uuid[]) AS id
            ON CONFLICT DO NOTHING
            RETURNING message_id AS "Value"
            """).ToListAsync(cancellationToken);
        return [.. inserted];
    }
}
