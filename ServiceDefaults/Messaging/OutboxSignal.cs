using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Wakes the outbox relay as soon as a transaction with outbox rows commits in this process, so
/// events leave in milliseconds rather than at the next poll. Polling remains the safety net for
/// rows written by other replicas or left by a crash.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread signalled first: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Signals the relay after a save (or the enclosing transaction's commit) that wrote outbox rows.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts that saved outbox rows not yet signalled (weak: a pooled or disposed context is no leak).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _pending = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalIfCommitted(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SignalPending(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => SignalPending(eventData.Context);

    private void Mark(DbContext? context)
    {
        // An outbox row is added, never reached through another entity, so it is Added from the moment it is tracked:
        // read as tracked, without detecting the save's changes once more (issue 22).
        if (context is not null && context.ChangeTracker.EntriesAsTracked(e => e.Entity is OutboxMessage && e.State == EntityState.Added).Count > 0)
        {
            _pending.AddOrUpdate(context, context);
        }
    }

    private void SignalIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction the rows are not visible yet: wait for the commit.
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            SignalPending(context);
        }
    }

    private void SignalPending(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (_pending.Remove(context))
        {
            signal.Notify();
        }
    }
}
