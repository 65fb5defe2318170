using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Instructions;

namespace ReliefPlatform.Payments.Funds;

/// <summary>
/// Draws payments from allocations (R19): an allocation of the payment's county whose fund may pay its
/// purpose, never another purpose's money, never below zero. The draw is one UPDATE that checks the
/// balance, so concurrent draws stay exact; a payment nothing can pay waits as unfunded and is drawn
/// when an allocation of its county is credited.
/// </summary>
public sealed class Funding(PaymentsDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Funds the payments waiting for money, oldest first. Payments that no allocation could pay are
    /// marked unfunded in one statement; only those with a candidate allocation are drawn one by one
    /// (each in its own transaction, so concurrent draws stay exact).
    /// </summary>
    /// <param name="includeUnfunded">Retry payments that found no money before: worth it only after an allocation was credited.</param>
    public async Task<(int Funded, int Unfunded)> FundWaitingAsync(bool includeUnfunded, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var unfunded = await db.Database.ExecuteSqlAsync($"""
            UPDATE payments p SET status = 'Unfunded', updated_at = {now}
            WHERE p.status = 'Instructed' AND NOT EXISTS (
                SELECT 1 FROM allocations a JOIN funds f ON f.key = a.fund_key
                WHERE a.county = p.county AND p.purpose = ANY(f.purposes) AND a.balance >= p.amount)
            """, ct);

        var funded = 0;
        while (!ct.IsCancellationRequested)
        {
            var waiting = await db.Database.SqlQuery<long>($"""
                SELECT p.key AS "Value" FROM payments p
                WHERE (p.status = 'Instructed' OR ({includeUnfunded} AND p.status = 'Unfunded')) AND EXISTS (
                    SELECT 1 FROM allocations a JOIN funds f ON f.key = a.fund_key
                    WHERE a.county = p.county AND p.purpose = ANY(f.purposes) AND a.balance >= p.amount)
                ORDER BY p.key
                LIMIT 1000
                """).ToListAsync(ct);
            var progress = 0;
            foreach (var key in waiting)
            {
                if (await TryFundAsync(key, ct))
                {
                    funded++;
                    progress++;
                }
            }

            if (waiting.Count < 1000 || progress == 0)
            {
                break;
            }
        }

        return (funded, unfunded);
    }

    /// <summary>One transaction: lock the payment, draw from the first allocation that can pay it, record the move.</summary>
    public async Task<bool> TryFundAsync(long paymentKey, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments.FromSql($"SELECT * FROM payments WHERE key = {paymentKey} FOR UPDATE").FirstAsync(ct);
        if (payment.Status is not (PaymentStatus.Instructed or PaymentStatus.Unfunded))
        {
            return payment.Status != PaymentStatus.Cancelled;
        }

        var drawn = await db.Database.SqlQuery<long>($"""
            WITH candidate AS (
                SELECT a.key FROM allocations a JOIN funds f ON f.key = a.fund_key
                WHERE a.county = {payment.County} AND {payment.Purpose} = ANY(f.purposes) AND a.balance >= {payment.Amount}
                ORDER BY a.allocated_at, a.key
                LIMIT 1
                FOR UPDATE OF a)
            UPDATE allocations SET balance = balance - {payment.Amount}
            FROM candidate WHERE allocations.key = candidate.key AND allocations.balance >= {payment.Amount}
            RETURNING allocations.key AS "Value"
            """).ToListAsync(ct);

        var now = clock.GetUtcNow();
        if (drawn.Count == 1)
        {
            payment.AllocationKey = drawn[0];
            payment.MoveTo(PaymentStatus.Funded, now);
        }
        else if (payment.Status == PaymentStatus.Instructed)
        {
            payment.MoveTo(PaymentStatus.Unfunded, now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return drawn.Count == 1;
    }
}

/// <summary>Funds new payments as they arrive, and waiting ones after an allocation is credited.</summary>
public sealed class FundingWorker(IServiceScopeFactory scopes, ILogger<FundingWorker> logger) : BackgroundService
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var includeUnfunded = _allocationsChanged;
                _allocationsChanged = false;
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Funding>().FundWaitingAsync(includeUnfunded, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Funding payments failed; retrying");
                _allocationsChanged = true;
            }

            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
