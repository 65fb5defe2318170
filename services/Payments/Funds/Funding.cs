using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Payments.Batches;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Instructions;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Audit;

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
            UPDATE payments p SET status = {PaymentLifecycle.Unfund.To}, updated_at = {now}
            WHERE p.status = ANY({PaymentLifecycle.Unfund.From}) AND p.allocation_key IS NULL AND NOT EXISTS (
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
            WHERE allocation_key IS NULL AND (status = 'Instructed' OR ({includeUnfunded} AND status = 'Unfunded'))
              AND county = {group.County} AND purpose = {group.Purpose}
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
            UPDATE payments SET status = {PaymentLifecycle.Fund.To}, allocation_key = {allocation.Key}, updated_at = {now}
            WHERE key = ANY({keys}) AND status = ANY({PaymentLifecycle.Fund.From})
            """, ct);
        await db.Database.ExecuteSqlAsync($"UPDATE allocations SET balance = balance - {fit.Total} WHERE key = {allocation.Key}", ct);
        AuditTrail.Record(db, "Allocation", allocation.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), "funded", group.County,
            new { payments = keys.Length, total = fit.Total, status = new { from = PaymentLifecycle.Fund.From, to = PaymentLifecycle.Fund.To } }, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return keys.Length;
    }

    /// <summary>
    /// A campaign's lines (R12) become payments already drawn and batched, in one transaction: each line
    /// is assigned the allocation of its county that pays it (oldest allocation first, lines in order),
    /// a bank batch per county and fund declares its count and total, one INSERT writes every payment
    /// in its final pre-bank state, and the allocations are drawn last with a balance-checked UPDATE
    /// (never below zero; drawn meanwhile by another transaction, the batch is retried).
    /// Written once instead of three times (instructed, funded, batched) — what lets a million-payment
    /// campaign keep pace with the bank. Lines nothing can pay yet are instructed and wait for the
    /// funding round like any other payment. Payment ids are time-ordered (UUID v7), so their index
    /// grows at its end instead of taking random writes.
    /// </summary>
    /// <returns>How many payments were instructed.</returns>
    public async Task<int> InstructDrawnAsync(string purpose, IReadOnlyList<CampaignLine> lines, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lines);
        // A campaign line is in exactly one batch and a batch is consumed once (the inbox), so no line is here
        // twice; if one ever were, the unique reference refuses the whole insert and nothing is drawn or paid twice.
        if (lines.Count == 0)
        {
            return 0;
        }

        // Read without a lock: the draw at the end takes the money only if it is still there, so concurrent
        // consumers of one county do not queue behind each other's inserts.
        var counties = lines.Select(l => l.County).Distinct().ToArray();
        var allocations = await db.Database.SqlQuery<DrawableAllocation>($"""
            SELECT a.key, a.county, a.fund_key, a.balance, a.allocated_at FROM allocations a JOIN funds f ON f.key = a.fund_key
            WHERE a.county = ANY({counties}) AND {purpose} = ANY(f.purposes) AND a.balance > 0
            """).ToListAsync(ct);

        // The right person only (issue 18): a payee reported deceased is instructed held, and one whose
        // account the bank could not pay waits unfunded for the corrected account; neither reaches a batch.
        var payees = lines.Select(l => l.PayeeIdNumber).Distinct().ToArray();
        var stopped = (await db.Database.SqlQuery<StoppedPayee>($"""
            SELECT payee_id_number AS id_number, 'Held' AS status FROM payee_holds WHERE released_at IS NULL AND payee_id_number = ANY({payees})
            UNION ALL
            SELECT payee_id_number, 'Instructed' FROM payee_accounts WHERE status = 'NeedsCorrection' AND payee_id_number = ANY({payees})
            """).ToListAsync(ct))
            .GroupBy(p => p.IdNumber).ToDictionary(g => g.Key, g => g.Min(p => p.Status)!, StringComparer.Ordinal); // "Held" sorts first

        var allocationKeys = new long?[lines.Count];
        var batchKeys = new long?[lines.Count];
        var drawn = new List<(long Allocation, decimal Total)>();
        foreach (var county in lines.Select((line, index) => (line, index)).Where(x => !stopped.ContainsKey(x.line.PayeeIdNumber)).GroupBy(x => x.line.County))
        {
            var candidates = allocations.Where(a => a.County == county.Key).OrderBy(a => a.AllocatedAt).ThenBy(a => a.Key).ToList();
            var countyLines = county.ToList();
            var assigned = AllocationPlan.Assign(countyLines.Select(x => x.line.Amount).ToList(), candidates.Select(a => a.Balance).ToList());
            var paid = countyLines.Zip(assigned).Where(x => x.Second >= 0)
                .Select(x => (x.First.line, x.First.index, Allocation: candidates[x.Second])).ToList();
            foreach (var byFund in paid.GroupBy(x => x.Allocation.FundKey))
            {
                var batch = PaymentBatch.Declare(county.Key, byFund.Key, byFund.Select(x => x.line.Amount).ToList(), now);
                db.Add(batch);
                await db.SaveChangesAsync(ct);
                foreach (var x in byFund)
                {
                    allocationKeys[x.index] = x.Allocation.Key;
                    batchKeys[x.index] = batch.Key;
                }
            }

            drawn.AddRange(paid.GroupBy(x => x.Allocation.Key, x => x.line.Amount).Select(g => (g.Key, g.Sum())));
        }

        var statuses = lines.Select((line, index) => stopped.TryGetValue(line.PayeeIdNumber, out var status) ? status
            : batchKeys[index] is null ? nameof(PaymentStatus.Instructed) : nameof(PaymentStatus.Batched)).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO payments (payment_id, reference, origin, purpose, payee_id_number, payee_name, county, amount, due_date, status, allocation_key, batch_key, attempts, created_at, updated_at)
            SELECT l.id, l.reference, 'campaign', {purpose}, l.payee, l.name, l.county, l.amount, {ChinaTime.DateOf(now)}, l.status, l.allocation, l.batch, 0, {now}, {now}
            FROM unnest({lines.Select(_ => Guid.CreateVersion7(now)).ToArray()}::uuid[], {lines.Select(l => l.Reference).ToArray()}::text[], {lines.Select(l => l.PayeeIdNumber).ToArray()}::text[],
                        {lines.Select(l => l.PayeeName).ToArray()}::text[], {lines.Select(l => l.County).ToArray()}::text[],
                        {lines.Select(l => l.Amount).ToArray()}::numeric[], {statuses}::text[], {allocationKeys}::bigint[], {batchKeys}::bigint[])
                 AS l(id, reference, payee, name, county, amount, status, allocation, batch)
            """, ct);

        // The draw, last and in key order (no deadlock between consumers): an allocation another consumer
        // drew below what this batch needs fails the whole transaction, which is retried with the new balance.
        foreach (var (allocation, total) in drawn.OrderBy(d => d.Allocation))
        {
            var taken = await db.Database.ExecuteSqlAsync(
                $"UPDATE allocations SET balance = balance - {total} WHERE key = {allocation} AND balance >= {total}", ct);
            if (taken == 0)
            {
                throw new AllocationDrawnMeanwhileException(allocation);
            }
        }

        return lines.Count;
    }

    private sealed record WaitingGroup(string County, string Purpose);

    private sealed record StoppedPayee(string IdNumber, string Status);

    private sealed record DrawableAllocation(long Key, string County, long FundKey, decimal Balance, DateTimeOffset AllocatedAt);

    private sealed record WaitingPayment(long Key, decimal Amount);

    private sealed record AllocationBalance(long Key, decimal Balance);
}

/// <summary>An allocation no longer holds what a campaign batch was about to draw from it: the batch is retried with the new balance.</summary>
public sealed class AllocationDrawnMeanwhileException(long allocationKey)
    : Exception($"Allocation {allocationKey} was drawn by another transaction meanwhile; the campaign batch is retried with its new balance.");

/// <summary>A campaign line to instruct (R12).</summary>
public sealed record CampaignLine(string Reference, string PayeeIdNumber, string PayeeName, string County, decimal Amount);
