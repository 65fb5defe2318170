using Microsoft.AspNetCore.Http.HttpResults;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Payments.Batches;

/// <summary>
/// "Reconcile now" (issue 24): wakes the bank worker, so the bank's statements are read and funded payments
/// batched and submitted without waiting for the next round. The worker stays the only one that talks to the
/// bank: two rounds at once could take one statement twice.
/// </summary>
public sealed class BankRoundTrigger
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Pull()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already pulled: one round answers both.
        }
    }

    /// <summary>The worker's pause: ends when pulled, or after <paramref name="interval"/>.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken ct) => _signal.WaitAsync(interval, ct);
}

public static class BankRoundApi
{
    /// <summary><c>POST /api/payments/operations/bank-round</c>: the dashboard's "Reconcile with the bank now".</summary>
    public static RouteGroupBuilder MapBankRoundApi(this RouteGroupBuilder operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        operations.MapPost("/bank-round", async (HttpContext context, BankRoundTrigger trigger, Data.PaymentsDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            trigger.Pull();
            await OperationsApi.RecordAsync(context, db, "BankRound", "requested", new { }, clock, ct);
            return TypedResults.Accepted((string?)null);
        }).WithSummary("Read the bank's statements and submit waiting batches now, instead of at the next round / 立即与银行对账");
        return operations;
    }
}
