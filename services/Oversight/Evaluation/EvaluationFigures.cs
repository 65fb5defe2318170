using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.Places;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Oversight.Evaluation;

/// <summary>One county's figures for one month (R21), as the county's implementation is evaluated.</summary>
public sealed record CountyMonthFigures(
    string County,
    string CountyName,
    DateOnly Month,
    int Applications,
    IReadOnlyDictionary<string, int> ApplicationsByChannel,
    int Decisions,
    int DecisionsEligible,
    double? DaysToDecisionP50,
    double? DaysToDecisionP90,
    int DecisionsInTime,
    IReadOnlyDictionary<string, int> RecipientHouseholds,
    int RecipientPersons,
    decimal Paid,
    IReadOnlyDictionary<string, decimal> PaidByPurpose,
    long PaymentLines,
    long PaidOnTime,
    long? Population,
    decimal? CoveragePer1000,
    int LeadsRaised,
    int LeadsInTime,
    int LeadsOverdue,
    int HotlineCalls,
    double? HotlineAnswerMinutesP50,
    double? HotlineAnswerMinutesP90,
    int ComplaintsReceived,
    int ComplaintsDecided,
    int ComplaintsDecidedInTime,
    double? ComplaintDaysP50,
    int FlagsRaised,
    int FlagsConfirmed,
    int FlagsClosed,
    decimal? Score);

/// <summary>
/// R21's figures per county × month, computed from what oversight saw of the other services' events
/// (applications, decisions, the roster, the bank's statements, leads, hotline calls) and from its own complaints and
/// flags. Recipients are counted on the month's last day; money by the month (China time) the bank
/// settled it, less what came back.
/// </summary>
public sealed class EvaluationFigures(OversightDbContext db)
{
    private const string Zone = "Asia/Shanghai";

    private sealed record Counted(string County, DateOnly Month, string Key, int N);

    private sealed record Decided(string County, DateOnly Month, int Decisions, int Eligible, double? P50, double? P90, int InTime);

    private sealed record Households(string County, DateOnly Month, string Key, int N, int Persons);

    private sealed record Paid(string County, DateOnly Month, string Key, decimal Amount, long SettledLines, long OnTimeLines);

    private sealed record Leads(string County, DateOnly Month, int Raised, int InTime, int Overdue);

    private sealed record Hotline(string County, DateOnly Month, int Calls, double? P50, double? P90);

    private sealed record ComplaintsDecided(string County, DateOnly Month, int Decided, int InTime, double? P50);

    private sealed record Flags(string County, DateOnly Month, int Raised, int Confirmed, int Closed);

    /// <param name="counties">The counties to report; null: every county (province-wide callers).</param>
    public async Task<List<CountyMonthFigures>> ComputeAsync(DateOnly fromMonth, DateOnly toMonth, string[]? counties, int decisionTargetDays,
        IReadOnlyDictionary<string, decimal> weights, DateTimeOffset now, CancellationToken ct)
    {
        // Npgsql writes instants to timestamptz in UTC only.
        var start = ChinaTime.StartOf(fromMonth).ToUniversalTime();
        var end = ChinaTime.StartOf(toMonth.AddMonths(1)).ToUniversalTime();
        now = now.ToUniversalTime();
        var all = counties is null;
        var only = counties ?? [];

        var applications = await db.Database.SqlQuery<Counted>($"""
            SELECT county, date_trunc('month', submitted_at AT TIME ZONE {Zone})::date AS month, channel AS key, count(*)::int AS n
            FROM seen_households WHERE submitted_at >= {start} AND submitted_at < {end} AND ({all} OR county = ANY({only})) GROUP BY 1, 2, 3
            """).ToListAsync(ct);
        var decisions = await db.Database.SqlQuery<Decided>($"""
            SELECT h.county, date_trunc('month', d.decided_at AT TIME ZONE {Zone})::date AS month, count(*)::int AS decisions,
                   count(*) FILTER (WHERE d.outcome = 'eligible')::int AS eligible,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - h.submitted_at) / 86400) AS p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - h.submitted_at) / 86400) AS p90,
                   count(*) FILTER (WHERE d.decided_at - h.submitted_at <= make_interval(days => {decisionTargetDays}))::int AS in_time
            FROM decided_applications d JOIN seen_households h ON h.application_id = d.application_id
            WHERE d.decided_at >= {start} AND d.decided_at < {end} AND ({all} OR h.county = ANY({only})) GROUP BY 1, 2
            """).ToListAsync(ct);
        var households = await db.Database.SqlQuery<Households>($"""
            SELECT r.county, m.month::date AS month, r.category AS key, count(*)::int AS n, sum(cardinality(r.members))::int AS persons
            FROM roster_entries r CROSS JOIN generate_series({fromMonth}::date, {toMonth}::date, interval '1 month') AS m(month)
            WHERE r.start_date <= (m.month + interval '1 month' - interval '1 day')::date
              AND (r.exit_date IS NULL OR r.exit_date > (m.month + interval '1 month' - interval '1 day')::date)
              AND ({all} OR r.county = ANY({only}))
            GROUP BY 1, 2, 3
            """).ToListAsync(ct);
        var paid = await db.Database.SqlQuery<Paid>($"""
            SELECT county, month, purpose AS key, settled_amount - returned_amount AS amount, settled_lines, on_time_lines
            FROM paid_totals WHERE month >= {fromMonth} AND month <= {toMonth} AND ({all} OR county = ANY({only}))
            """).ToListAsync(ct);
        var leads = await db.Database.SqlQuery<Leads>($"""
            SELECT county, date_trunc('month', found_at AT TIME ZONE {Zone})::date AS month, count(*)::int AS raised,
                   count(*) FILTER (WHERE overdue_at IS NULL AND deadline < {now})::int AS in_time, count(*) FILTER (WHERE overdue_at IS NOT NULL)::int AS overdue
            FROM seen_leads WHERE found_at >= {start} AND found_at < {end} AND ({all} OR county = ANY({only})) GROUP BY 1, 2
            """).ToListAsync(ct);
        var hotline = await db.Database.SqlQuery<Hotline>($"""
            SELECT county, date_trunc('month', received_at AT TIME ZONE {Zone})::date AS month, count(*)::int AS calls,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answered_at - received_at) / 60) AS p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_answered_at - received_at) / 60) AS p90
            FROM seen_hotline_calls WHERE received_at >= {start} AND received_at < {end} AND ({all} OR county = ANY({only})) GROUP BY 1, 2
            """).ToListAsync(ct);
        var complaintsReceived = await db.Database.SqlQuery<Counted>($"""
            SELECT county, date_trunc('month', received_at AT TIME ZONE {Zone})::date AS month, '' AS key, count(*)::int AS n
            FROM complaints WHERE received_at >= {start} AND received_at < {end} AND ({all} OR county = ANY({only})) GROUP BY 1, 2
            """).ToListAsync(ct);
        var complaintsDecided = await db.Database.SqlQuery<ComplaintsDecided>($"""
            SELECT county, date_trunc('month', decided_at AT TIME ZONE {Zone})::date AS month, count(*)::int AS decided,
                   count(*) FILTER (WHERE (decided_at AT TIME ZONE {Zone})::date <= due_on)::int AS in_time,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - received_at) / 86400) AS p50
            FROM complaints WHERE decided_at >= {start} AND decided_at < {end} AND ({all} OR county = ANY({only})) GROUP BY 1, 2
            """).ToListAsync(ct);
        var flags = await db.Database.SqlQuery<Flags>($"""
            SELECT county, month, sum(raised)::int AS raised, sum(confirmed)::int AS confirmed, sum(closed)::int AS closed FROM (
                SELECT county, date_trunc('month', raised_at AT TIME ZONE {Zone})::date AS month, 1 AS raised, 0 AS confirmed, 0 AS closed
                FROM flags WHERE raised_at >= {start} AND raised_at < {end} AND ({all} OR county = ANY({only}))
                UNION ALL
                SELECT county, date_trunc('month', closed_at AT TIME ZONE {Zone})::date, 0, CASE WHEN status = 'Confirmed' THEN 1 ELSE 0 END, 1
                FROM flags WHERE closed_at >= {start} AND closed_at < {end} AND ({all} OR county = ANY({only}))
            ) f GROUP BY 1, 2
            """).ToListAsync(ct);
        var populations = await db.Populations.AsNoTracking().Where(p => all || only.Contains(p.County)).ToListAsync(ct);

        var keys = applications.Select(x => (x.County, x.Month)).Concat(decisions.Select(x => (x.County, x.Month))).Concat(households.Select(x => (x.County, x.Month)))
            .Concat(paid.Select(x => (x.County, x.Month))).Concat(leads.Select(x => (x.County, x.Month))).Concat(hotline.Select(x => (x.County, x.Month))).Concat(complaintsReceived.Select(x => (x.County, x.Month)))
            .Concat(complaintsDecided.Select(x => (x.County, x.Month))).Concat(flags.Select(x => (x.County, x.Month)))
            .Concat(only.SelectMany(c => Months(fromMonth, toMonth).Select(m => (c, m))))
            .Distinct().OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2);

        var result = new List<CountyMonthFigures>();
        foreach (var (county, month) in keys)
        {
            var byChannel = applications.Where(x => x.County == county && x.Month == month).ToDictionary(x => x.Key, x => x.N);
            var decided = decisions.FirstOrDefault(x => x.County == county && x.Month == month);
            var onRoster = households.Where(x => x.County == county && x.Month == month).ToList();
            var money = paid.Where(x => x.County == county && x.Month == month).ToList();
            var lead = leads.FirstOrDefault(x => x.County == county && x.Month == month);
            var calls = hotline.FirstOrDefault(x => x.County == county && x.Month == month);
            var complaintsIn = complaintsReceived.FirstOrDefault(x => x.County == county && x.Month == month)?.N ?? 0;
            var complaintsOut = complaintsDecided.FirstOrDefault(x => x.County == county && x.Month == month);
            var flag = flags.FirstOrDefault(x => x.County == county && x.Month == month);
            var population = populations.Where(p => p.County == county && p.Year <= month.Year).MaxBy(p => p.Year)?.Population;
            var persons = onRoster.Sum(x => x.Persons);
            var figures = new CountyMonthFigures(county, PlaceRegistry.Current.Find(county)?.Name ?? county, month,
                byChannel.Values.Sum(), byChannel,
                decided?.Decisions ?? 0, decided?.Eligible ?? 0, Round(decided?.P50), Round(decided?.P90), decided?.InTime ?? 0,
                onRoster.ToDictionary(x => x.Key, x => x.N), persons,
                money.Sum(x => x.Amount), money.GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount)),
                money.Sum(x => x.SettledLines), money.Sum(x => x.OnTimeLines),
                population, population is > 0 ? Math.Round(persons * 1000m / population.Value, 2) : null,
                lead?.Raised ?? 0, lead?.InTime ?? 0, lead?.Overdue ?? 0,
                calls?.Calls ?? 0, Round(calls?.P50), Round(calls?.P90),
                complaintsIn, complaintsOut?.Decided ?? 0, complaintsOut?.InTime ?? 0, Round(complaintsOut?.P50),
                flag?.Raised ?? 0, flag?.Confirmed ?? 0, flag?.Closed ?? 0, null);
            result.Add(figures with { Score = EvaluationScore.Of(figures, weights) });
        }

        return result;
    }

    private static IEnumerable<DateOnly> Months(DateOnly from, DateOnly to)
    {
        for (var m = from; m <= to; m = m.AddMonths(1))
        {
            yield return m;
        }
    }

    private static double? Round(double? days) => days is { } d ? Math.Round(d, 2) : null;
}

/// <summary>
/// A county's weighted score (R21): each indicator a share between 0 and 1, weighted by configuration
/// (<c>Oversight:ScoreWeights</c>); indicators without data that month are left out rather than counted as 0.
/// </summary>
public static class EvaluationScore
{
    public static readonly IReadOnlyList<string> Indicators = ["decisions-in-time", "paid-on-time", "leads-in-time", "complaints-in-time", "flags-closed"];

    public static IReadOnlyDictionary<string, decimal?> IndicatorsOf(CountyMonthFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new Dictionary<string, decimal?>
        {
            ["decisions-in-time"] = Share(f.DecisionsInTime, f.Decisions),
            ["paid-on-time"] = Share(f.PaidOnTime, f.PaymentLines),
            ["leads-in-time"] = Share(f.LeadsInTime, f.LeadsInTime + f.LeadsOverdue),
            ["complaints-in-time"] = Share(f.ComplaintsDecidedInTime, f.ComplaintsDecided),
            ["flags-closed"] = f.FlagsRaised == 0 ? null : Math.Min(1m, (decimal)f.FlagsClosed / f.FlagsRaised),
        };
    }

    /// <summary>0–100, one decimal; null when no weighted indicator has data.</summary>
    public static decimal? Of(CountyMonthFigures figures, IReadOnlyDictionary<string, decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var weighted = IndicatorsOf(figures).Where(i => i.Value is not null && weights.TryGetValue(i.Key, out var w) && w > 0)
            .Select(i => (Value: i.Value!.Value, Weight: weights[i.Key])).ToList();
        var total = weighted.Sum(x => x.Weight);
        return total == 0 ? null : Math.Round(100m * weighted.Sum(x => x.Value * x.Weight) / total, 1, MidpointRounding.AwayFromZero);
    }

    private static decimal? Share(long part, long whole) => whole == 0 ? null : (decimal)part / whole;
}

/// <summary>The figures as rows of named cells, the same for CSV and XLSX: one column per channel, category and purpose.</summary>
public static class EvaluationTable
{
    private static readonly string[] Channels = ["hotline-12345", "walk-in", "online", "qr-code", "outreach"];
    private static readonly string[] Categories = ["dibao", "tekun"];

    public static IReadOnlyList<KeyValuePair<string, object?>> Row(CountyMonthFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var cells = new List<KeyValuePair<string, object?>>
        {
            new("county", f.County), new("county_name", f.CountyName), new("month", f.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
            new("applications", f.Applications),
        };
        cells.AddRange(Channels.Select(c => new KeyValuePair<string, object?>($"applications_{c}", f.ApplicationsByChannel.GetValueOrDefault(c))));
        cells.AddRange([new("decisions", f.Decisions), new("decisions_eligible", f.DecisionsEligible), new("days_to_decision_p50", f.DaysToDecisionP50),
            new("days_to_decision_p90", f.DaysToDecisionP90), new("decisions_in_time", f.DecisionsInTime)]);
        cells.AddRange(Categories.Select(c => new KeyValuePair<string, object?>($"households_{c}", f.RecipientHouseholds.GetValueOrDefault(c))));
        cells.Add(new("recipient_persons", f.RecipientPersons));
        cells.AddRange(PaymentPurposes.All.Select(p => new KeyValuePair<string, object?>($"paid_{p}", f.PaidByPurpose.GetValueOrDefault(p))));
        cells.AddRange([new("paid_total", f.Paid), new("payment_lines", f.PaymentLines), new("paid_on_time_lines", f.PaidOnTime),
            new("population", f.Population), new("coverage_per_1000", f.CoveragePer1000),
            new("leads_raised", f.LeadsRaised), new("leads_in_time", f.LeadsInTime), new("leads_overdue", f.LeadsOverdue),
            new("hotline_calls", f.HotlineCalls), new("hotline_answer_minutes_p50", f.HotlineAnswerMinutesP50), new("hotline_answer_minutes_p90", f.HotlineAnswerMinutesP90),
            new("complaints_received", f.ComplaintsReceived), new("complaints_decided", f.ComplaintsDecided), new("complaints_decided_in_time", f.ComplaintsDecidedInTime),
            new("complaint_days_p50", f.ComplaintDaysP50), new("flags_raised", f.FlagsRaised), new("flags_confirmed", f.FlagsConfirmed), new("flags_closed", f.FlagsClosed),
            new("score", f.Score)]);
        return cells;
    }
}
