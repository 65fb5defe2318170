using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.ServiceDefaults.Messaging;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Queues an integration event in the outbox. It is stored by the next <c>SaveChanges</c>, in the
    /// same transaction as the entities changed beside it, and relayed to RabbitMQ after commit.
    /// </summary>
    public static OutboxMessage AddToOutbox<T>(this DbContext db, T message) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = OutboxMessage.Create(message);
        db.Set<OutboxMessage>().Add(row);
        return row;
    }
}
