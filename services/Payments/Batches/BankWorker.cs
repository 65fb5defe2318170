using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Payments.Bank;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Instructions;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.Payments.Batches;

/// <summary>
/// The way to the bank and back: batches funded payments per county and fund (declared count and
/// total), submits them with their bank reference (a resubmission after a crash is recognised by
/// the bank), and reconciles the bank's statement: settled payments close, failed ones wait for a
/// reissue; PaymentsSettled (one per statement chunk) and PaymentFailed go out through the outbox.
/// </summary>
public sealed class BankWorker(
    IServiceScopeFactory scopes, IBankConnector bank, Accounts.AccountProtector accounts, BankRoundTrigger trigger,
    [FromKeyedServices(BankWorker.Connector)] ConnectorStatus connector, LeaderElection leader, TimeProvider clock, ILogger<BankWorker> logger)
    : PeriodicWorker(clock, logger, leader)
{
    public const int MaxBatchSize = 5_000;

    /// <summary>Settled payments per <see cref="PaymentsSettled"/> event.</summary>
    public const int SettledEventSize = 200;

    /// <summary>The bank connector's name in health and metrics (issue 24).</summary>
    public const string Connector = "bank";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    /// <summary>An operator's "reconcile now" (the dashboard's command) ends the wait at once.</summary>
    protected override Task WaitAsync(TimeSpan interval, CancellationToken stoppingToken) => trigger.WaitAsync(interval, stoppingToken);

    protected override string Activity => "The bank round";

    /// <summary>A round that moved something is followed at once: a campaign's payments flow without pauses.</summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        // The bank's answers first, all of them (a chunk a transaction): recording what is paid must never
        // wait behind new submissions.
        var worked = 0;
        int reconciled;
        do
        {
            reconciled = await ReconcileAsync(stoppingToken);
            worked += reconciled;
        }
        while (reconciled > 0 && !stoppingToken.IsCancellationRequested);

        worked += await MakeBatchesAsync(stoppingToken);
        worked += await SubmitAsync(stoppingToken);
        return worked > 0;
    }

    /// <summary>Funded payments into batches per county and fund, set-based: one UPDATE a batch.</summary>
    private async Task<int> MakeBatchesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var groups = await db.Payments.Where(p => p.AllocationKey != null && p.BatchKey == null && p.Status == PaymentStatus.Funded)
            .Join(db.Allocations, p => p.AllocationKey, a => a.Key, (p, a) => new { p.County, a.FundKey })
            .Distinct().ToListAsync(ct);
        var batched = 0;
        foreach (var group in groups)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var payments = await db.Database.SqlQuery<BatchCandidate>($"""
                SELECT p.key, p.amount FROM payments p JOIN allocations a ON a.key = p.allocation_key
                WHERE p.allocation_key IS NOT NULL AND p.batch_key IS NULL AND p.status = 'Funded' AND p.county = {group.County} AND a.fund_key = {group.FundKey}
                  -- A payee whose account the bank could not pay waits for the corrected one (issue 18).
                  AND NOT EXISTS (SELECT 1 FROM payee_accounts pa WHERE pa.payee_id_number = p.payee_id_number AND pa.status = 'NeedsCorrection')
                ORDER BY p.key LIMIT {MaxBatchSize} FOR UPDATE OF p SKIP LOCKED
                """).ToListAsync(ct);
            if (payments.Count == 0)
            {
                continue;
            }

            var now = Clock.GetUtcNow();
            var batch = PaymentBatch.Declare(group.County, group.FundKey, payments.Select(p => p.Amount).ToList(), now);
            db.Add(batch);
            await db.SaveChangesAsync(ct);
            var keys = payments.Select(p => p.Key).ToArray();
            await db.Database.ExecuteSqlAsync($"UPDATE payments SET batch_key = {batch.Key}, status = {PaymentLifecycle.Batch.To}, updated_at = {now} WHERE key = ANY({keys}) AND status = ANY({PaymentLifecycle.Batch.From})", ct);
            AuditTrail.Record(db, "PaymentBatch", batch.BatchId.ToString(), "batched", group.County, new { payments = keys.Length, status = new { from = PaymentLifecycle.Batch.From, to = PaymentLifecycle.Batch.To } }, now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            batched += payments.Count;
        }

        return batched;
    }

    private sealed record BatchCandidate(long Key, decimal Amount);

    private sealed record SubmittedPayment(long Key, string Reference, int Attempts);

    private sealed record SettledPayment(Guid PaymentId, string Reference, Guid? ApplicationId, string County, decimal Amount, string PayeeIdNumber, string PayeeName, string Purpose, DateOnly DueDate);

    private async Task<int> SubmitAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var batches = await db.Set<PaymentBatch>().Where(b => b.Status == BatchStatus.Created).OrderBy(b => b.Key).Take(20).ToListAsync(ct);
        var submitted = 0;
        foreach (var batch in batches)
        {
            var payments = await db.Payments.AsNoTracking().Where(p => p.BatchKey == batch.Key && p.Status == PaymentStatus.Batched).OrderBy(p => p.Key).ToListAsync(ct);
            // Control totals: nothing beyond what the batch declared goes to the bank.
            if (!batch.MatchesControlTotals(payments))
            {
                Logger.LogError(LogEvents.BatchHeld, "Batch {BatchId} does not match its control totals; it is held", batch.BatchId);
                continue;
            }

            // Each line carries the payee's confirmed account, decrypted only into the file the bank receives.
            var payees = payments.Select(p => p.PayeeIdNumber).Distinct().ToList();
            var held = await db.Set<Accounts.PayeeAccount>().AsNoTracking()
                .Where(a => a.Status == Accounts.AccountStatus.Active && payees.Contains(a.PayeeIdNumber))
                .ToDictionaryAsync(a => a.PayeeIdNumber, ct);
            var file = BankBatchFile.Write(batch.BankReference, payments.Select(p => held.TryGetValue(p.PayeeIdNumber, out var account)
                ? new BankLine(BankLineReference(p), p.PayeeName, p.PayeeIdNumber, p.Amount, accounts.Decrypt(account.NumberCipher), account.BankCode)
                : new BankLine(BankLineReference(p), p.PayeeName, p.PayeeIdNumber, p.Amount)).ToList());
            // Submitted before it is recorded: a crash in between resubmits the same bank reference, which the bank recognises.
            await CallBankAsync(() => bank.SubmitAsync(batch.BankReference, file, ct));

            var now = Clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            batch.Status = BatchStatus.Submitted;
            batch.SubmittedAt = now;
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlAsync($"UPDATE payments SET status = {PaymentLifecycle.Submit.To}, updated_at = {now} WHERE batch_key = {batch.Key} AND status = ANY({PaymentLifecycle.Submit.From})", ct);
            AuditTrail.Record(db, "PaymentBatch", batch.BatchId.ToString(), "submitted", batch.County, new { payments = payments.Count, status = new { from = PaymentLifecycle.Submit.From, to = PaymentLifecycle.Submit.To } }, now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            submitted += payments.Count;
        }

        return submitted;
    }

    /// <summary>Each attempt of a payment is its own bank line: the reference with the attempt number.</summary>
    public static string BankLineReference(PaymentInstruction payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return BankLineReference(payment.Reference, payment.Attempts);
    }

    public static string BankLineReference(string reference, int attempts) => $"{reference}#{attempts + 1}";

    /// <summary>A call to the bank, recorded for the connector's health: one that throws is one the bank did not answer.</summary>
    private async Task<T> CallBankAsync<T>(Func<Task<T>> call)
    {
        try
        {
            var answer = await call();
            connector.Answered();
            return answer;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            connector.Failed(exception.GetType().Name + ": " + exception.Message);
            throw;
        }
    }

    private Task CallBankAsync(Func<Task> call) => CallBankAsync(async () =>
    {
        await call();
        return true;
    });

    private async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var results = await CallBankAsync(() => bank.TakeStatementAsync(ct));
        if (results.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Clock.GetUtcNow();

        // Settlements, nearly every line of a statement, in one statement: only the current attempt of a
        // payment still submitted moves (a line applied twice changes nothing); together they are one PaymentsSettled.
        // The payments still submitted in the statement's batches are read along the batch index (a range
        // scan, not thousands of lookups by reference), matched to the lines' current attempt here, then
        // updated by key. A reissued payment is in its new batch, so an older attempt's line matches nothing.
        var settledLines = results.Where(r => r.Settled && !r.Returned).Select(r => r.Reference).ToHashSet(StringComparer.Ordinal);
        var settledBatches = results.Where(r => r.Settled && !r.Returned).Select(r => r.BankReference).Distinct()
            .Select(PaymentBatch.BatchIdOf).OfType<Guid>().ToArray();
        var submitted = await db.Database.SqlQuery<SubmittedPayment>($"""
            SELECT key, reference, attempts FROM payments
            WHERE batch_key = ANY(SELECT key FROM payment_batches WHERE batch_id = ANY({settledBatches})) AND status = 'Submitted'
            """).ToListAsync(ct);
        var settledKeys = submitted
            .Where(p => settledLines.Contains(BankLineReference(p.Reference, p.Attempts)))
            .Select(p => p.Key).ToArray();
        var settled = await db.Database.SqlQuery<SettledPayment>($"""
            UPDATE payments SET status = {PaymentLifecycle.Settle.To}, updated_at = {now}
            WHERE key = ANY({settledKeys}) AND status = ANY({PaymentLifecycle.Settle.From})
            RETURNING payment_id, reference, application_id, county, amount, payee_id_number, payee_name, purpose, due_date
            """).ToListAsync(ct);
        if (settled.Count > 0)
        {
            foreach (var county in settled.GroupBy(p => p.County))
            {
                // One entry per county of the statement, naming the statement by its first batch and listing them all.
                AuditTrail.Record(db, "BankStatement", settledBatches.FirstOrDefault().ToString(), "settled", county.Key,
                    new { batches = settledBatches, payments = county.Count(), total = county.Sum(p => p.Amount), status = new { from = PaymentLifecycle.Settle.From, to = PaymentLifecycle.Settle.To } }, now);
            }

            // Events of at most SettledEventSize payments: a statement of 10,000 lines as one event was a 3 MB document, serialized
            // into (and kept by the array pool as) 8 MB buffers in payments and in every consumer; 1,000 (~300 KB) still went to
            // the large object heap of the four consuming services, 200 (~60 KB) stay under its 85,000 bytes: the same campaign
            // cost them a quarter less CPU (issue 22, docs/benchmarks.md).
            foreach (var chunk in settled.Chunk(SettledEventSize))
            {
                db.AddToOutbox(new PaymentsSettled(now, chunk.Select(payment => new PaymentSettled(payment.PaymentId, payment.Reference, payment.ApplicationId,
                    payment.County, payment.Amount, now, payment.PayeeIdNumber, payment.PayeeName, payment.Purpose, payment.DueDate)).ToList()));
            }
        }

        // Failures, then returns of what settled: few, one by one through the state machine. Each payee the
        // bank could not pay has an account to correct: it is marked, their payments wait, the township is told.
        var unpaid = new Dictionary<string, (PaymentInstruction Payment, BankResult Result)>(StringComparer.Ordinal);
        var others = results.Where(r => !r.Settled || r.Returned).ToList();
        var references = others.Select(r => r.Reference[..r.Reference.LastIndexOf('#')]).Distinct().ToList();
        Dictionary<string, PaymentInstruction> payments = references.Count == 0
            ? []
            : await db.Payments.Where(p => references.Contains(p.Reference)).ToDictionaryAsync(p => p.Reference, ct);
        foreach (var result in others.OrderBy(r => r.Returned))
        {
            var hash = result.Reference.LastIndexOf('#');
            if (!payments.TryGetValue(result.Reference[..hash], out var payment) || BankLineReference(payment) != result.Reference)
            {
                continue; // an older attempt
            }

            if (result.Returned)
            {
                if (payment.Status == PaymentStatus.Settled)
                {
                    payment.MoveTo(PaymentStatus.Returned, now);
                    payment.FailureReason = $"{result.ReasonZh} / {result.ReasonEn}";
                    unpaid[payment.PayeeIdNumber] = (payment, result);
                    db.AddToOutbox(new PaymentFailed(payment.PaymentId, payment.Reference, payment.ApplicationId, payment.County, payment.Amount,
                        result.ReasonZh ?? "", result.ReasonEn ?? "", now, payment.PayeeIdNumber, payment.PayeeName, payment.Purpose, Returned: true));
                }

                continue;
            }

            if (payment.Status != PaymentStatus.Submitted)
            {
                continue; // already reconciled: applying a result twice changes nothing
            }

            payment.MoveTo(PaymentStatus.Failed, now);
            payment.FailureReason = $"{result.ReasonZh} / {result.ReasonEn}";
            unpaid[payment.PayeeIdNumber] = (payment, result);
            db.AddToOutbox(new PaymentFailed(payment.PaymentId, payment.Reference, payment.ApplicationId, payment.County, payment.Amount,
                result.ReasonZh ?? "", result.ReasonEn ?? "", now, payment.PayeeIdNumber, payment.PayeeName, payment.Purpose));
        }

        foreach (var (payee, (payment, result)) in unpaid)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE payee_accounts SET status = 'NeedsCorrection' WHERE payee_id_number = {payee} AND status = 'Active'", ct);
            db.AddToOutbox(new PayeeAccountNeedsCorrection(payee, payment.PayeeName, payment.County, result.ReasonZh ?? "", result.ReasonEn ?? "", now));
        }

        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE payment_batches b SET status = 'Reconciled', reconciled_at = {now}
            WHERE b.status = 'Submitted' AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.batch_key = b.key AND p.status = 'Submitted')
            """, ct);
        await transaction.CommitAsync(ct);
        await bank.AcknowledgeAsync(results, ct);
        return results.Count;
    }
}
