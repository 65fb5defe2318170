using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// <see cref="IdempotentConsumer{TMessage,TDbContext}"/> for a message that arrives many times per application
/// (an applicant told by SMS and in the inbox of every step): MassTransit hands over the messages waiting on the
/// queue together, and they are recorded in one transaction — one inbox statement, one read of what they concern,
/// one save, one commit — instead of one of each per message (issue 22: a message's own cost was most of what
/// such a consumer did in a surge). Exactly once holds as for one message: the inbox rows of the batch, the
/// state they change and the outbox rows commit together; a message already handled is left out of the batch;
/// a failure rolls the whole batch back and MassTransit retries it. A batch mixes the messages of many
/// applications, so what it changes is audited as the consumer's doing without one correlation id; the message
/// id stays on what each message recorded (a timeline step's source message). Keep it to messages that are
/// frequent and cheap to handle and off the payment path, where the batch's collection time would be waited for by
/// a payment (opening a case comes before it: a caseworker's grant, not a machine, takes the next step).
/// </summary>
public abstract class IdempotentBatchConsumer<TMessage, TDbContext>(TDbContext db, ILogger logger) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    protected ILogger Logger { get; } = logger;

    /// <summary>The inbox key of this consumer; stable across renames of the class if overridden.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var batch = context.Message.ToList();
        var ids = batch.Select(m => m.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} message arrived without a message id; the inbox cannot de-duplicate it.")).ToArray();

        using var actor = Audit.AuditActor.Begin(Contracts.Security.Actor.System(ConsumerName));
        Db.ChangeTracker.Clear();
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var fresh = await InboxStore.TryRecordManyAsync(Db, ids, ConsumerName, ct);
        var handled = new HashSet<Guid>();
        var messages = batch.Where(m => fresh.Contains(m.MessageId!.Value) && handled.Add(m.MessageId!.Value)).ToList();
        if (messages.Count < batch.Count)
        {
            MessagingTelemetry.InboxDuplicates.Add(batch.Count - messages.Count);
            Logger.LogInformation("{Consumer} already handled {Count} of a batch of {BatchSize} messages; the redeliveries are skipped", ConsumerName, batch.Count - messages.Count, batch.Count);
        }

        if (messages.Count == 0)
        {
            await transaction.RollbackAsync(ct);
            return;
        }

        await HandleAsync(messages, ct);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Committed();
    }

    /// <summary>
    /// After the batch committed: the place for what must count once per change, not once per attempt (a metric of
    /// what the batch created), since a rolled-back batch is handled again.
    /// </summary>
    protected virtual void Committed()
    {
    }

    /// <summary>
    /// Change state through <see cref="Db"/> for each message (in their order on the queue); the base class saves and
    /// commits. Throwing rolls the batch back and lets MassTransit retry it.
    /// </summary>
    protected abstract Task HandleAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken ct);
}

/// <summary>
/// The platform's retries (as <see cref="ReliefConsumerDefinition{TConsumer}"/>) and the batch's size: up to
/// <c>messageLimit</c> messages, collected for at most <c>timeLimitMs</c> after the first — a wait only when the queue
/// is nearly empty, when it costs nothing; under a surge the batch fills at once.
/// </summary>
public class ReliefBatchConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    private readonly int _messageLimit;
    private readonly int _timeLimitMs;

    public ReliefBatchConsumerDefinition() : this(100, 50)
    {
    }

    protected ReliefBatchConsumerDefinition(int messageLimit, int timeLimitMs)
    {
        _messageLimit = messageLimit;
        _timeLimitMs = timeLimitMs;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        ReliefConsumerDefinition<TConsumer>.Retry(endpointConfigurator);
        // Two batches at once: one being written while the next fills (the prefetch follows: limit × concurrency).
        consumerConfigurator.Options<BatchOptions>(batch => batch.SetMessageLimit(_messageLimit).SetTimeLimit(TimeSpan.FromMilliseconds(_timeLimitMs)).SetConcurrencyLimit(2));
    }
}

/// <summary>
/// For messages that each carry many items (a reconciliation's settled payments, up to 200 an event; a round of notices): ten
/// messages to a batch keep one transaction's size, and the batch's memory, in bounds.
/// </summary>
public sealed class BulkMessageBatchConsumerDefinition<TConsumer>() : ReliefBatchConsumerDefinition<TConsumer>(messageLimit: 10, timeLimitMs: 50)
    where TConsumer : class, IConsumer;
