using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Determinations;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Hosting;

namespace ReliefPlatform.Eligibility.Roster;

public sealed record RecertificationRunResult(string Date, int Created);

/// <summary>
/// Re-certification (复核) on a schedule by category (national dibao measures): yearly for a dibao
/// household none of whose members can work and for tekun persons, more often for other households;
/// every period is a dated policy parameter. A recipient whose date comes within the lead time gets a
/// work item of its township due on that date; the reassessment closes it and sets the next date.
/// </summary>
public sealed class Recertification(EligibilityDbContext db, TimeProvider clock)
{
    /// <summary>Days before its date a re-certification appears in the township's queue.</summary>
    public const int LeadDays = 30;

    public static DateOnly NextDate(RecipientCategory category, IReadOnlyList<HouseholdMember> members, DateOnly from, PolicySnapshot policy)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(policy);
        var parameter = category switch
        {
            RecipientCategory.Tekun => PolicyParameters.RecertificationMonthsTekun,
            _ when members.All(m => m.WorkAbility == WorkAbility.None) => PolicyParameters.RecertificationMonthsNoWorkAbility,
            _ => PolicyParameters.RecertificationMonthsDibao,
        };
        return from.AddMonths((int)policy.RequiredParameter(parameter));
    }

    /// <summary>Opens the work items of every re-certification due by <paramref name="today"/> plus the lead time, once each.</summary>
    public async Task<RecertificationRunResult> CreateDueAsync(DateOnly today, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = today.AddDays(LeadDays);
        // One statement; the partial unique index keeps one open item per recipient, whoever runs it at once.
        var created = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO work_items (work_item_id, kind, subject_id, county, unit, created_at, due_on)
            SELECT gen_random_uuid(), 'Recertify', r.recipient_id, r.county, COALESCE(d.township, r.county), {now}, r.next_recertification_on
            FROM recipients r
            LEFT JOIN determinations d ON d.application_id = r.application_id
            WHERE r.status <> 'Exited' AND r.next_recertification_on <= {horizon}
            ON CONFLICT (kind, subject_id) WHERE done_at IS NULL DO NOTHING
            """, ct);
        return new RecertificationRunResult(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), created);
    }
}

/// <summary>Settings of the scheduled jobs (section Eligibility:Schedule).</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Eligibility:Schedule";

    /// <summary>Whether the monthly run and the re-certification scan run by themselves (off in the integration platform, whose tests run them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The day of the month from which the month's run issues its entitlements (R11: paid by the 10th).</summary>
    public int MonthlyRunDay { get; set; } = 5;

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the month of <paramref name="today"/> is due to run: from its run day on, unless it has run.</summary>
    public bool MonthlyRunDue(DateOnly today, bool alreadyRun) => Enabled && !alreadyRun && today.Day >= Math.Clamp(MonthlyRunDay, 1, 28);
}

/// <summary>
/// Runs the month (R11) by itself from the configured day, and opens due re-certifications. The run
/// is idempotent (one entitlement per recipient and month), so an operator's run, another replica's or
/// a restart's changes nothing twice; a month already run is not scanned again.
/// </summary>
public sealed class ScheduledRuns(IServiceScopeFactory scopes, IOptions<ScheduleOptions> options, LeaderElection leader, TimeProvider clock, ILogger<ScheduledRuns> logger)
    : PeriodicWorker(clock, logger, leader)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string Activity => "Running the scheduled monthly run and re-certifications";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return false;
        }

        var today = ChinaTime.Today(Clock);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EligibilityDbContext>();
        var month = new DateOnly(today.Year, today.Month, 1);
        if (options.Value.MonthlyRunDue(today, await db.Set<MonthlyRunRecord>().AnyAsync(r => r.Month == month, stoppingToken)))
        {
            var result = await scope.ServiceProvider.GetRequiredService<MonthlyRun>().RunAsync(month, stoppingToken);
            Logger.LogInformation("Scheduled monthly run of {Month}: {Issued} entitlements issued", result.Month, result.Issued);
        }

        await scope.ServiceProvider.GetRequiredService<Recertification>().CreateDueAsync(today, stoppingToken);
        return false;
    }
}
