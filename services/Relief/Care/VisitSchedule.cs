namespace ReliefPlatform.Relief.Care;

/// <summary>One period of the visit schedule: a caregiver's visit is due in [From, To).</summary>
public sealed record VisitPeriod(DateOnly From, DateOnly To, bool Visited);

/// <summary>Where an agreement's visits stand on a day: the periods missed, the one running and its last day.</summary>
public sealed record VisitStanding(IReadOnlyList<VisitPeriod> Missed, DateOnly CurrentFrom, DateOnly DueBy, bool VisitedThisPeriod)
{
    /// <summary>The last period ended without a visit: an overdue item until the caregiver (or a replacement) visits.</summary>
    public bool Overdue => Missed.Count > 0 && Missed[^1].To == CurrentFrom && !VisitedThisPeriod;
}

/// <summary>
/// R16: a dispersed tekun person is visited by their caregiver on a schedule set by care level (weekly for
/// those who cannot care for themselves, monthly otherwise; the days are dated settings). The schedule runs
/// in periods from the agreement's first day, each as long as the interval in force when it starts; a
/// period that ended without a caregiver's visit is a missed visit. Township spot checks are recorded
/// beside the schedule and do not stand in for the caregiver's visits.
/// </summary>
public static class VisitSchedule
{
    public static VisitStanding Assess(DateOnly start, DateOnly today, Func<DateOnly, int> intervalDaysOn, IReadOnlyCollection<DateOnly> caregiverVisits)
    {
        ArgumentNullException.ThrowIfNull(intervalDaysOn);
        ArgumentNullException.ThrowIfNull(caregiverVisits);
        var missed = new List<VisitPeriod>();
        var from = start;
        while (true)
        {
            var days = intervalDaysOn(from);
            if (days <= 0)
            {
                throw new InvalidOperationException($"The visit interval in force on {from:yyyy-MM-dd} is not positive.");
            }

            var to = from.AddDays(days);
            var visited = caregiverVisits.Any(v => v >= from && v < to);
            if (to > today)
            {
                return new VisitStanding(missed, from, to.AddDays(-1), visited);
            }

            if (!visited)
            {
                missed.Add(new VisitPeriod(from, to, false));
            }

            from = to;
        }
    }
}

/// <summary>R16: a caregiver who fails their duties — too many missed visits, or a complaint about their care found true — is replaced.</summary>
public static class CaregiverDuty
{
    public static IReadOnlyList<(string Zh, string En)> Failures(int missedVisits, int confirmedComplaints, int missedVisitsBeforeFlag)
    {
        var failures = new List<(string, string)>();
        if (missedVisits >= missedVisitsBeforeFlag)
        {
            failures.Add(($"漏访 {missedVisits} 次（达到 {missedVisitsBeforeFlag} 次应更换照料服务人）。", $"{missedVisits} visits missed ({missedVisitsBeforeFlag} call for another caregiver)."));
        }

        if (confirmedComplaints > 0)
        {
            failures.Add(($"照料服务投诉经核实 {confirmedComplaints} 件。", $"{confirmedComplaints} complaint(s) about the care found true."));
        }

        return failures;
    }
}
