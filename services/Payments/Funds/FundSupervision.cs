using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Payments.Funds;

/// <summary>Fund supervision's thresholds (section <c>Payments:Funds</c>), each a dated list (R19).</summary>
public sealed class FundSupervisionOptions
{
    public const string Section = "Payments:Funds";

    /// <summary>Days within which a fund that arrived is to be allocated to counties.</summary>
    public List<DatedValue> AllocationDays { get; set; } = [];

    /// <summary>Days without a payment after which an allocation's remaining balance counts as idle (held back).</summary>
    public List<DatedValue> IdleDays { get; set; } = [];
}

/// <summary>One allocation under supervision (R19): promptness, use by purpose, and money left idle.</summary>
public sealed record AllocationSupervision(Guid AllocationId, Guid FundId, string FundName, FundLevel Level, IReadOnlyList<string> Purposes, string County,
    DateOnly ArrivedOn, DateOnly AllocatedOn, int DaysToAllocate, bool AllocatedLate, decimal Amount, decimal Balance, decimal Drawn,
    IReadOnlyDictionary<string, decimal> SettledByPurpose, DateTimeOffset? LastPaymentAt, int DaysWithoutPayment, bool Idle);

/// <summary>
/// R19's checks on the money, computed where the money is: funds allocated late after they arrived,
/// balances left idle beyond the configured days (withheld or held back), and what each allocation
/// paid by purpose (spent only on its purposes: a fund draws only for its purposes, so this shows it).
/// </summary>
public static class FundSupervision
{
    private sealed record Spending(long AllocationKey, string Purpose, decimal Settled, DateTimeOffset? LastAt);

    /// <summary>The checks of one allocation; the thresholds are those in force on the day of the check.</summary>
    public static (int DaysToAllocate, bool Late, int DaysWithoutPayment, bool Idle) Check(DateOnly arrivedOn, DateTimeOffset allocatedAt, decimal balance,
        DateTimeOffset? lastPaymentAt, DateTimeOffset now, int allocationDays, int idleDays)
    {
        var daysToAllocate = ChinaTime.DateOf(allocatedAt).DayNumber - arrivedOn.DayNumber;
        var quietSince = ChinaTime.DateOf(lastPaymentAt ?? allocatedAt);
        var daysWithout = ChinaTime.DateOf(now).DayNumber - quietSince.DayNumber;
        return (daysToAllocate, daysToAllocate > allocationDays, daysWithout, balance > 0 && daysWithout > idleDays);
    }

    internal static async Task<Results<Ok<List<AllocationSupervision>>, ValidationProblem, ProblemHttpResult>> ReportAsync(HttpContext http, PaymentsDbContext db,
        IOptions<FundSupervisionOptions> options, TimeProvider clock, CancellationToken ct, string? county = null, bool idle = false, bool late = false)
    {
        var errors = new ValidationErrors();
        var code = errors.County("county", county, required: false);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        if (caller.Refuses(code) is { } refused)
        {
            return refused;
        }

        var allocations = await caller.Visible(db.Allocations.AsNoTracking(), a => a.County).Where(a => code == null || a.County == code)
            .Join(db.Funds.AsNoTracking(), a => a.FundKey, f => f.Key, (a, f) => new { Allocation = a, Fund = f })
            .OrderBy(x => x.Allocation.Key).Take(1000).ToListAsync(ct);
        var keys = allocations.Select(x => x.Allocation.Key).ToArray();
        var spending = await db.Database.SqlQuery<Spending>($"""
            SELECT allocation_key, purpose, coalesce(sum(amount) FILTER (WHERE status = 'Settled'), 0) AS settled, max(updated_at) AS last_at
            FROM payments WHERE allocation_key = ANY({keys}) GROUP BY 1, 2
            """).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var settings = options.Value;
        var allocationDays = DatedValue.InForce(settings.AllocationDays, today, "Payments:Funds:AllocationDays");
        var idleDays = DatedValue.InForce(settings.IdleDays, today, "Payments:Funds:IdleDays");
        var report = allocations.Select(x =>
        {
            var spent = spending.Where(s => s.AllocationKey == x.Allocation.Key).ToList();
            var last = spent.Max(s => s.LastAt);
            var (days, isLate, quiet, isIdle) = Check(x.Fund.ArrivedOn, x.Allocation.AllocatedAt, x.Allocation.Balance, last, now, allocationDays, idleDays);
            return new AllocationSupervision(x.Allocation.AllocationId, x.Fund.FundId, x.Fund.Name, x.Fund.Level, x.Fund.Purposes, x.Allocation.County, x.Fund.ArrivedOn,
                ChinaTime.DateOf(x.Allocation.AllocatedAt), days, isLate, x.Allocation.Amount, x.Allocation.Balance, x.Allocation.Amount - x.Allocation.Balance,
                spent.ToDictionary(s => s.Purpose, s => s.Settled), last, quiet, isIdle);
        }).Where(r => (!idle || r.Idle) && (!late || r.AllocatedLate)).ToList();
        return TypedResults.Ok(report);
    }
}
