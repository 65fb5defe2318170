using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Assessments;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.MeansTest;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Eligibility.Roster;

/// <summary>A difference paid for a month already paid (R11 a raised standard, or a corrected decision).</summary>
public sealed class BenefitAdjustment
{
    public long Key { get; set; }
    public long RecipientKey { get; set; }
    public DateOnly Month { get; set; }
    public decimal Amount { get; set; }
    public string Reference { get; set; } = "";
    public string ReasonZh { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<BenefitAdjustment> adjustment)
    {
        adjustment.ToTable("benefit_adjustments");
        adjustment.HasKey(a => a.Key);
        adjustment.HasIndex(a => a.Reference).IsUnique();
        adjustment.HasIndex(a => new { a.RecipientKey, a.Month });
        adjustment.Property(a => a.Amount).HasPrecision(14, 2);
        adjustment.Property(a => a.Reference).HasMaxLength(120);
        adjustment.Property(a => a.ReasonZh).HasMaxLength(500);
    }
}

/// <summary>An overpayment to recover (追缴): a standard lowered for past months, or a decision found wrong.</summary>
public sealed class Recovery
{
    public long Key { get; set; }
    public Guid RecoveryId { get; set; }
    public long RecipientKey { get; set; }
    public DateOnly Month { get; set; }
    public decimal Amount { get; set; }
    public string Cause { get; set; } = "";
    public string ReasonZh { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<Recovery> recovery)
    {
        recovery.ToTable("recoveries");
        recovery.HasKey(r => r.Key);
        recovery.HasIndex(r => r.RecoveryId).IsUnique();
        // One recovery per month and cause: a cause applied twice recovers once.
        recovery.HasIndex(r => new { r.RecipientKey, r.Month, r.Cause }).IsUnique();
        recovery.Property(r => r.Amount).HasPrecision(14, 2);
        recovery.Property(r => r.Cause).HasMaxLength(80);
        recovery.Property(r => r.ReasonZh).HasMaxLength(500);
    }
}

/// <summary>A standard version whose effect on the roster has been applied (R11), once.</summary>
public sealed class StandardRecalculationRecord
{
    public long StandardKey { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
    public int Recipients { get; set; }
    public int Adjustments { get; set; }
    public int Recoveries { get; set; }

    internal static void Configure(EntityTypeBuilder<StandardRecalculationRecord> record)
    {
        record.ToTable("standard_recalculations");
        record.HasKey(r => r.StandardKey);
        record.Property(r => r.StandardKey).ValueGeneratedNever();
    }
}

/// <summary>
/// What a dibao household or a tekun person is owed for a month under that month's policy: the means
/// test of the household's verified figures (R6) for dibao, the basic-living standard for tekun. The one
/// home of "the amount follows the standard" (R11), used by back pay, the monthly run's recalculation
/// and corrections. Null when the household no longer passes the means test (a re-certification decides).
/// </summary>
public static class BenefitCalculator
{
    public static decimal? MonthlyAmount(RecipientCategory category, string county, AreaType area, string headIdNumber,
        IReadOnlyList<HouseholdMember> members, Circumstances circumstances, PolicySnapshot policy)
    {
        if (category is not (RecipientCategory.Dibao or RecipientCategory.Tekun))
        {
            return null;
        }

        var facts = new HouseholdFacts(category == RecipientCategory.Tekun ? Scheme.Tekun : Scheme.Dibao, null, headIdNumber, county, area, members, circumstances);
        var result = MeansTestCalculator.Assess(facts, policy, new RosterFacts(false, false));
        return result.Outcome == AssessmentOutcome.Eligible ? result.MonthlyAmount : null;
    }
}

public sealed record RecalculationResult(long StandardKey, int Recipients, int Adjustments, decimal AdjustedAmount, int Recoveries, decimal RecoveredAmount);

/// <summary>
/// R11: when a standard changes, every affected recipient's benefit follows it from its effective
/// month. The current amount is set to the new figure; for each month already paid from then on, the
/// difference is paid (an adjustment through payments) or recovered (a recovery record). Applied once
/// per standard version (a row keyed by it), when the version is recorded with a date already reached
/// or by the monthly run of the month it reaches.
/// </summary>
public sealed class StandardRecalculation(EligibilityDbContext db, TimeProvider clock)
{
    /// <summary>Applies every version in force by <paramref name="asOf"/> not applied yet.</summary>
    public async Task<int> ApplyDueAsync(DateOnly asOf, CancellationToken ct)
    {
        var applied = db.Set<StandardRecalculationRecord>().Select(r => r.StandardKey);
        var due = await db.CountyStandards.AsNoTracking()
            .Where(s => s.EffectiveFrom <= asOf && s.Key > 0 && !applied.Contains(s.Key))
            .OrderBy(s => s.EffectiveFrom).ToListAsync(ct);
        foreach (var standard in due)
        {
            await ApplyAsync(standard, ct, asOf);
        }

        return due.Count;
    }

    /// <param name="asOf">
    /// The month being issued when a monthly run applies the version ahead of its month (R11: a month may be
    /// paid ahead): the recipients' amount is that month's, so the run issues it at the new standard.
    /// </param>
    public async Task<RecalculationResult> ApplyAsync(CountyStandard standard, CancellationToken ct, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(standard);
        var now = clock.GetUtcNow();
        var today = ServiceDefaults.ChinaTime.DateOf(now);
        var amountOn = asOf is { } issuing && issuing > today ? issuing : today;
        var category = standard.Kind == StandardKind.Tekun ? RecipientCategory.Tekun : RecipientCategory.Dibao;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claim the version first: a second run (another replica, a retry) finds it taken and does nothing.
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO standard_recalculations (standard_key, applied_at, recipients, adjustments, recoveries) VALUES ({standard.Key}, {now}, 0, 0, 0) ON CONFLICT DO NOTHING", ct);
        if (claimed == 0)
        {
            return new(standard.Key, 0, 0, 0m, 0, 0m);
        }

        // Gradual-exit households keep the amount they had (R7); exited ones are no longer paid.
        var recipients = await db.Recipients.Include(r => r.Persons)
            .Where(r => r.County == standard.County && r.AreaType == standard.AreaType && r.Category == category && r.Status == RecipientStatus.Active)
            .ToListAsync(ct);
        var assessmentIds = recipients.Select(r => r.AssessmentId).OfType<Guid>().ToList();
        var assessments = await db.Assessments.AsNoTracking().Where(a => assessmentIds.Contains(a.AssessmentId)).ToDictionaryAsync(a => a.AssessmentId, ct);
        var policy = await db.PolicyOnAsync(DateOnly.MaxValue, ct);
        var firstMonth = FirstMonthFrom(standard.EffectiveFrom);
        var keys = recipients.Select(r => r.Key).ToList();
        var paid = await PaidByMonthAsync(db, keys, firstMonth, ct);

        var totals = new DifferenceTotals();
        var cause = $"standard-{standard.Key}";
        var reasonZh = $"{standard.County} {WireName.Of(standard.AreaType)} {WireName.Of(standard.Kind)} 标准自 {standard.EffectiveFrom:yyyy-MM-dd} 调整为 {standard.MonthlyAmount:0.00} 元（R11）";
        foreach (var recipient in recipients)
        {
            if (recipient.AssessmentId is not { } id || !assessments.TryGetValue(id, out var basis))
            {
                continue;
            }

            decimal? AmountIn(DateOnly month) => BenefitCalculator.MonthlyAmount(recipient.Category, recipient.County, recipient.AreaType, recipient.HeadIdNumber,
                basis.Members, basis.Circumstances, policy.On(month));

            if (standard.EffectiveFrom <= amountOn && AmountIn(amountOn) is { } current)
            {
                recipient.MonthlyAmount = current;
            }

            foreach (var (month, amount) in paid.Where(p => p.Key.RecipientKey == recipient.Key).Select(p => (p.Key.Month, p.Value)))
            {
                if (AmountIn(month) is not { } owed || owed == amount)
                {
                    continue;
                }

                Differences.Settle(db, recipient, month, owed - amount, cause, reasonZh, now, totals);
            }
        }

        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE standard_recalculations SET recipients = {recipients.Count}, adjustments = {totals.Adjustments}, recoveries = {totals.Recoveries} WHERE standard_key = {standard.Key}", ct);
        await transaction.CommitAsync(ct);
        return new(standard.Key, recipients.Count, totals.Adjustments, totals.Adjusted, totals.Recoveries, totals.Recovered);
    }

    /// <summary>The first month a version governs: the policy of a month is the one in force on its first day.</summary>
    public static DateOnly FirstMonthFrom(DateOnly effectiveFrom) =>
        effectiveFrom.Day == 1 ? effectiveFrom : new DateOnly(effectiveFrom.Year, effectiveFrom.Month, 1).AddMonths(1);

    /// <summary>What each recipient has been paid for each month from <paramref name="from"/>: entitlement plus adjustments, less recoveries.</summary>
    public static async Task<Dictionary<(long RecipientKey, DateOnly Month), decimal>> PaidByMonthAsync(EligibilityDbContext db, List<long> keys, DateOnly from, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entitlements = await db.Entitlements.AsNoTracking().Where(e => keys.Contains(e.RecipientKey) && e.Month >= from)
            .Select(e => new { e.RecipientKey, e.Month, e.Amount }).ToListAsync(ct);
        var adjustments = await db.Set<BenefitAdjustment>().AsNoTracking().Where(a => keys.Contains(a.RecipientKey) && a.Month >= from)
            .Select(a => new { a.RecipientKey, a.Month, a.Amount }).ToListAsync(ct);
        var recoveries = await db.Set<Recovery>().AsNoTracking().Where(r => keys.Contains(r.RecipientKey) && r.Month >= from)
            .Select(r => new { r.RecipientKey, r.Month, Amount = -r.Amount }).ToListAsync(ct);
        return entitlements.Concat(adjustments).Concat(recoveries)
            .GroupBy(x => (x.RecipientKey, x.Month)).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
    }
}

/// <summary>What settling differences did: adjustments paid and recoveries recorded, with their sums.</summary>
public sealed class DifferenceTotals
{
    public int Adjustments { get; private set; }
    public decimal Adjusted { get; private set; }
    public int Recoveries { get; private set; }
    public decimal Recovered { get; private set; }

    internal void Add(decimal difference)
    {
        if (difference > 0m)
        {
            Adjustments++;
            Adjusted += difference;
        }
        else if (difference < 0m)
        {
            Recoveries++;
            Recovered -= difference;
        }
    }
}

/// <summary>Settles a difference for one month: paid through payments when owed, recorded for recovery when overpaid.</summary>
public static class Differences
{
    public static void Settle(EligibilityDbContext db, Recipient recipient, DateOnly month, decimal difference, string cause, string reasonZh, DateTimeOffset now, DifferenceTotals totals)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(totals);
        totals.Add(difference);
        if (difference == 0m)
        {
            return;
        }

        var category = WireName.Of(recipient.Category);
        if (difference > 0m)
        {
            var reference = $"{category}:{recipient.RecipientId}:{month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}:{cause}";
            db.Set<BenefitAdjustment>().Add(new BenefitAdjustment { RecipientKey = recipient.Key, Month = month, Amount = difference, Reference = reference, ReasonZh = reasonZh, IssuedAt = now });
            db.AddToOutbox(new BenefitAdjustmentIssued(reference, recipient.RecipientId, category, recipient.HeadIdNumber, recipient.HeadName, recipient.County, month,
                difference, $"补发差额：{reasonZh}", $"Difference paid: {reasonZh}", now));
            return;
        }

        db.Set<Recovery>().Add(new Recovery
        {
            RecoveryId = Guid.CreateVersion7(now), RecipientKey = recipient.Key, Month = month, Amount = -difference, Cause = cause, ReasonZh = $"多发应追缴：{reasonZh}", RecordedAt = now,
        });
    }
}
