using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReliefPlatform.ServiceDefaults.Data;

/// <summary>
/// Turns off EF Core's automatic savepoints (a SAVEPOINT and a RELEASE around every SaveChanges inside
/// an explicit transaction). The platform's transactions are all or nothing — a failed SaveChanges
/// rolls the whole consumer or worker transaction back and the message or round is retried — so the
/// savepoints only cost two round trips each time.
/// </summary>
public sealed class NoAutoSavepointsInterceptor : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Disable(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Disable(eventData);
        return ValueTask.FromResult(result);
    }

    private static void Disable(TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            context.Database.AutoSavepointsEnabled = false;
        }
    }
}
