using System.Diagnostics.Metrics;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Eligibility;

/// <summary>Eligibility's figures on the dashboard: assessments by outcome, category and county; enrolments.</summary>
public sealed class EligibilityMetrics
{
    public const string MeterName = "ReliefPlatform.Eligibility";

    private readonly Counter<long> _assessments;
    private readonly Counter<long> _enrolments;
    private readonly Counter<long> _warnings;

    private IReadOnlyList<(string Category, string Status, long Count)> _roster = [];
    private IReadOnlyList<(string County, string Kind, long Open, long Overdue)> _work = [];

    public EligibilityMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _assessments = meter.CreateCounter<long>("reliefplatform.eligibility.assessments", "{assessment}", "Assessments by outcome, category and county.");
        _enrolments = meter.CreateCounter<long>("reliefplatform.eligibility.enrolments", "{recipient}", "Recipients enrolled on the roster, by category and county.");
        meter.CreateObservableGauge("reliefplatform.eligibility.roster.size", ObserveRoster, "{recipient}", "Recipients on the roster, by category and status.");
        meter.CreateObservableGauge("reliefplatform.eligibility.work_items.open", () => ObserveWork(w => w.Open), "{item}", "Open work items by county and step (R3, issue 17).");
        meter.CreateObservableGauge("reliefplatform.eligibility.work_items.overdue", () => ObserveWork(w => w.Overdue), "{item}", "Work items past their due day, by county and step.");
        _warnings = meter.CreateCounter<long>("reliefplatform.eligibility.monitoring.warnings", "{warning}", "Warnings and review flags of dynamic monitoring (R2), by department and rule.");
    }

    public void Assessed(AssessmentOutcome outcome, string category, string county) =>
        _assessments.Add(1, new("outcome", WireName.Of(outcome)), new("category", category), new("county", county));

    public void Warned(string department, string rule, int count) =>
        _warnings.Add(count, new("department", department), new("rule", rule));

    public void Roster(IReadOnlyList<(string Category, string Status, long Count)> counts) => Volatile.Write(ref _roster, counts);

    private IEnumerable<Measurement<long>> ObserveRoster() =>
        Volatile.Read(ref _roster).Select(r => new Measurement<long>(r.Count, new("category", r.Category), new("status", r.Status)));

    public void WorkItems(IReadOnlyList<(string County, string Kind, long Open, long Overdue)> counts) => Volatile.Write(ref _work, counts);

    private IEnumerable<Measurement<long>> ObserveWork(Func<(string County, string Kind, long Open, long Overdue), long> figure) =>
        Volatile.Read(ref _work).Select(w => new Measurement<long>(figure(w), new("county", w.County), new("step", w.Kind)));

    public void Enrolled(string category, string county) => _enrolments.Add(1, new("category", category), new("county", county));
}
