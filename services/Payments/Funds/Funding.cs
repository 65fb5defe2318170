using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Instructions;
using ReliefPlatform.ServiceDefaults.Hosting;

namespace ReliefPlatform.Payments.Funds;

/// <summary>
/// Draws payments from allocations (R19): an allocation of the payment's county whose fund may pay its
/// purpose, never another purpose's money, never below zero. Payments are drawn set-based, thousands a
/// transaction: the allocation row and the payments are locked (the payments with SKIP LOCKED, so
/// replicas share the work), the oldest payments that fit the balance are funded with one UPDATE and
/// the balance drops by their sum with another. Concurrent draws stay exact; a payment nothing can
/// pay waits as unfunded and is drawn when an allocation of its county is credited.
/// </summary>
public sealed class Funding(PaymentsDbContext db, TimeProvider clock)
{
    /// <summary>Payments considered in one transaction.</summary>
    public const int ChunkSize = 5_000;

    /// <summary>Funds the payments waiting for money, oldest first, group by group (county and purpose).</summary>
    /// <param name="includeUnfunded">Retry payments that found no money before: worth it only after an allocation was credited.</param>
    public async Task<(int Funded, int Unfunded)> FundWaitingAsync(bool includeUnfunded, CancellationToken ct)
    {
        // Only groups (county, purpose) some allocation can pay are worth a look: a handful, from the allocations.
        var groups = await db.Database.SqlQuery<WaitingGroup>($"""
            SELECT DISTINCT a.county, purpose FROM allocations a JOIN funds f ON f.key = a.fund_key, unnest(f.purposes) AS purpose
            WHERE a.balance > 0
            """).ToListAsync(ct);
        var funded = 0;
        foreach (var group in groups)
        {
            while (!ct.IsCancellationRequested)
            {
                var drawn = await FundChunkAsync(group, includeUnfunded, ct);
                funded += drawn;
                if (drawn == 0)
                {
                    break;
                }
            }
        }

        // What is left waiting found no allocation able to pay it: it waits as unfunded. Few rows by now,
        // so the per-payment check is cheap.
        var now = clock.GetUtcNow();
        var unfunded = await db.Database.ExecuteSqlAsync($"""
            UPDATE payments p SET status = 'Unfunded', updated_at = {now}
            WHERE p.status = 'Instructed' AND NOT EXISTS (
                SELECT 1 FROM allocations a JOIN funds f ON f.key = a.fund_key
                WHERE a.county = p.county AND p.purpose = ANY(f.purposes) AND a.balance >= p.amount)
            """, ct);

        return (funded, unfunded);
    }

    /// <summary>One transaction: the oldest waiting payments of a group that fit the first allocation able to pay the oldest.</summary>
    private async Task<int> FundChunkAsync(WaitingGroup group, bool includeUnfunded, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var waiting = await db.Database.SqlQuery<WaitingPayment>($"""
            SELECT key, amount FROM payments
            WHERE (status = 'Instructed' OR ({includeUnfunded} AND status = 'Unfunded')) AND county = {group.County} AND purpose = {group.Purpose}
              AND EXISTS (SELECT 1 FROM allocations a JOIN funds f ON f.key = a.fund_key
                          WHERE a.county = payments.county AND payments.purpose = ANY(f.purposes) AND a.balance >= payments.amount)
            ORDER BY key LIMIT {ChunkSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return 0;
        }

        var allocation = await db.Database.SqlQuery<AllocationBalance>($"""
            SELECT a.key, a.balance FROM allocations a JOIN funds f ON f.key = a.fund_key
            WHERE a.county = {group.County} AND {group.Purpose} = ANY(f.purposes) AND a.balance >= {waiting[0].Amount}
            ORDER BY a.allocated_at, a.key
            LIMIT 1
            FOR UPDATE OF a
            """).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        if (allocation is null)
        {
            // Drawn by another replica meanwhile: the next round sees the new balances.
            await transaction.RollbackAsync(ct);
            return 0;
        }

        var fit = AllocationFit.Take(waiting.Select(w => w.Amount).ToList(), allocation.Balance);
        var keys = waiting.Take(fit.Count).Select(w => w.Key).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE payments SET status = 'Funded', allocation_key = {allocation.Key}, updated_at = {now}
            WHERE key = ANY({keys})
            """, ct);
        await db.Database.ExecuteSqlAsync($"UPDATE allocations SET balance = balance - {fit.Total} WHERE key = {allocation.Key}", ct);
        await transaction.CommitAsync(ct);
        return keys.Length;
    }

    private sealed record WaitingGroup(string County, string Purpose);

    private sealed record WaitingPayment(long Key, decimal Amount);

    private sealed record AllocationBalance(long Key, decimal Balance);
}

/// <summary>Which of the oldest waiting payments an allocation pays: the longest run, in order, whose sum stays within the balance.</summary>
public static class AllocationFit
{
    public static (int Count, decimal Total) Take(IReadOnlyList<decimal> amountsOldestFirst, decimal balance)
    {
        ArgumentNullException.ThrowIfNull(amountsOldestFirst);
        var total = 0m;
        var count = 0;
        foreach (var amount in amountsOldestFirst)
        {
            if (total + amount > balance)
            {
                break;
            }

            total += amount;
            count++;
        }

        return (count, total);
    }
}

/// <summary>Funds new payments as they arrive, and waiting ones after an allocation is credited.</summary>
public sealed class FundingWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FundingWorker> logger) : PeriodicWorker(clock, logger)
{
    private readonly SemaphoreSlim _wake = new(0);
    private volatile bool _allocationsChanged = true;

    public void Wake(bool allocationsChanged = false)
    {
        if (allocationsChanged)
        {
            _allocationsChanged = true;
        }

        _wake.Release();
    }

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override string Activity => "Funding payments";

    protected override Task WaitAsync(TimeSpan interval, CancellationToken stoppingToken) => _wake.WaitAsync(interval, stoppingToken);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var includeUnfunded = _allocationsChanged;
        _allocationsChanged = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Funding>().FundWaitingAsync(includeUnfunded, stoppingToken);
            return false;
        }
        catch
        {
            // Credited allocations are looked at again next round.
            _allocationsChanged = true;
            throw;
        }
    }
}
