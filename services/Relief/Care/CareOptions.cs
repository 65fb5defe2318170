using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Relief.Care;

/// <summary>
/// R16's periods, as dated data (configuration section <c>Relief:Care</c>, defaults in appsettings.json):
/// how often a dispersed tekun person is visited by care level, and how many missed visits make a
/// caregiver one who fails their duties.
/// </summary>
public sealed class CareOptions
{
    public const string SectionName = "Relief:Care";

    /// <summary>Days between visits for those who cannot care for themselves (partly or fully dependent).</summary>
    public List<DatedValue> DependentVisitIntervalDays { get; set; } = [];

    /// <summary>Days between visits for those who can care for themselves.</summary>
    public List<DatedValue> SelfCareVisitIntervalDays { get; set; } = [];

    /// <summary>Missed visits of one agreement from which its caregiver is flagged for replacement.</summary>
    public List<DatedValue> MissedVisitsBeforeFlag { get; set; } = [];

    public int IntervalDays(CareLevel level, DateOnly on) => level == CareLevel.SelfCare
        ? DatedValue.InForce(SelfCareVisitIntervalDays, on, $"{SectionName}:SelfCareVisitIntervalDays")
        : DatedValue.InForce(DependentVisitIntervalDays, on, $"{SectionName}:DependentVisitIntervalDays");
}
