using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Eligibility.Roster;

public sealed record MonthlyRunResult(string Month, int Issued, int AlreadyIssued, decimal IssuedAmount, int GradualExitsCompleted);

/// <summary>
/// Issues one month's entitlements (R11) for every active recipient and every recipient still in its
/// gradual-exit period (R7). The unique (recipient, month) key makes the run idempotent: triggered
/// twice, or by two operators at once, it issues each entitlement once. Entitlements are inserted
/// set-based in one statement; each goes to payments through the outbox.
/// </summary>
public sealed class MonthlyRun(EligibilityDbContext db, StandardRecalculation recalculation, TimeProvider clock)
{
    /// <summary>An entitlement's reference: category:recipient:yyyy-MM, the same whoever issues it (the run or back pay).</summary>
    public static string Reference(RecipientCategory category, Guid recipientId, DateOnly month) =>
        $"{WireName.Of(category)}:{recipientId}:{month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}";

    public async Task<MonthlyRunResult> RunAsync(DateOnly month, CancellationToken ct)
    {
        var monthStart = new DateOnly(month.Year, month.Month, 1);
        var nextMonth = monthStart.AddMonths(1);
        var now = clock.GetUtcNow();
        // R11: standards in force by this month reach every recipient's amount before the month is issued.
        await recalculation.ApplyDueAsync(monthStart, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Gradual exits whose period ended before this month leave the roster first.
        var due = await db.Recipients.Include(r => r.Persons)
            .Where(r => r.Status == RecipientStatus.GradualExit && r.GradualExitUntil <= monthStart)
            .ToListAsync(ct);
        foreach (var recipient in due.Where(r => r.CompleteGradualExitIfDue(monthStart)))
        {
            db.AddToOutbox(new RecipientExited(recipient.RecipientId, WireName.Of(recipient.Category), recipient.County, monthStart, recipient.ExitReason!));
        }

        await db.SaveChangesAsync(ct);

        var issued = await db.Database.SqlQuery<IssuedRow>($"""
            INSERT INTO entitlements (recipient_key, month, amount, reference, issued_at)
            SELECT r.key, {monthStart}, r.monthly_amount,
                   lower(r.category) || ':' || r.recipient_id::text || ':' || to_char({monthStart}::date, 'YYYY-MM'), {now}
            FROM recipients r
            WHERE r.monthly_amount > 0
              AND ((r.status = 'Active' AND r.start_date < {nextMonth})
                OR (r.status = 'GradualExit' AND {monthStart} < r.gradual_exit_until))
            ON CONFLICT (recipient_key, month) DO NOTHING
            RETURNING recipient_key, amount, reference
            """).ToListAsync(ct);

        var keys = issued.Select(i => i.RecipientKey).ToList();
        var recipients = await db.Recipients.AsNoTracking().Where(r => keys.Contains(r.Key))
            .Select(r => new { r.Key, r.RecipientId, r.Category, r.HeadIdNumber, r.HeadName, r.County, r.AreaType, Persons = r.Persons.Count })
            .ToDictionaryAsync(r => r.Key, ct);
        var policy = await db.PolicyOnAsync(monthStart, ct);
        foreach (var row in issued)
        {
            var r = recipients[row.RecipientKey];
            var standard = policy.Standard(r.County, r.AreaType, r.Category == RecipientCategory.Tekun ? StandardKind.Tekun : StandardKind.Dibao)?.MonthlyAmount;
            db.AddToOutbox(new MonthlyEntitlementIssued(row.Reference, r.RecipientId, WireName.Of(r.Category), r.HeadIdNumber, r.HeadName, r.County, monthStart, row.Amount, now,
                r.Persons, standard));
        }

        await db.Database.ExecuteSqlAsync($"INSERT INTO monthly_runs (month, ran_at) VALUES ({monthStart}, {now}) ON CONFLICT DO NOTHING", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var total = await db.Set<Entitlement>().CountAsync(e => e.Month == monthStart, ct);
        return new MonthlyRunResult(monthStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            issued.Count, total - issued.Count, issued.Sum(i => i.Amount), due.Count);
    }

    private sealed record IssuedRow(long RecipientKey, decimal Amount, string Reference);
}

/// <summary>A month that has been run (by the schedule or an operator): the schedule does not scan it again.</summary>
public sealed class MonthlyRunRecord
{
    public DateOnly Month { get; set; }
    public DateTimeOffset RanAt { get; set; }

    internal static void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<MonthlyRunRecord> run)
    {
        run.ToTable("monthly_runs");
        run.HasKey(r => r.Month);
    }
}
