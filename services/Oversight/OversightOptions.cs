using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Oversight;

/// <summary>
/// Oversight's settings (section <c>Oversight</c>). Every period is a list of values with the date each
/// takes effect, never a constant: a complaint is due by the period in force on the day it arrived.
/// </summary>
public sealed class OversightOptions
{
    public const string SectionName = "Oversight";

    /// <summary>Days from receipt to a decision on a complaint or tip (举报), by date of receipt.</summary>
    public List<DatedValue> ComplaintDecisionDays { get; set; } = [];

    /// <summary>Grants to one household within <see cref="GrantWindowDays"/> beyond which the grant-frequency rule flags (R20).</summary>
    public List<DatedValue> GrantsPerHouseholdLimit { get; set; } = [];

    /// <summary>The window the grant-frequency rule counts in.</summary>
    public List<DatedValue> GrantWindowDays { get; set; } = [];

    /// <summary>Grants one person may approve within <see cref="ApproverWindowDays"/> before the approver-frequency rule flags (R20).</summary>
    public List<DatedValue> ApproverGrantsLimit { get; set; } = [];

    public List<DatedValue> ApproverWindowDays { get; set; } = [];

    /// <summary>Days after an account change within which a payment to the new account is flagged (R20).</summary>
    public List<DatedValue> RecentAccountChangeDays { get; set; } = [];

    /// <summary>Days a recipient who left the roster stays on the public list (0: gone on the day of exit).</summary>
    public List<DatedValue> DisclosureAfterExitDays { get; set; } = [];

    /// <summary>Months temporary assistance granted stays on the public list.</summary>
    public List<DatedValue> TemporaryDisclosureMonths { get; set; } = [];

    /// <summary>R21: days within which a decision counts as timely in the figures (the procedure's own deadline is eligibility's parameter).</summary>
    public List<DatedValue> DecisionTargetDays { get; set; } = [];

    /// <summary>R21: the weight of each indicator in a county's score (indicator names: <see cref="Evaluation.EvaluationScore.Indicators"/>).</summary>
    public Dictionary<string, decimal> ScoreWeights { get; set; } = [];

    /// <summary>R19: the rectification and report deadlines of each year's audit findings.</summary>
    public List<Funds.AuditDeadlines> AuditDeadlines { get; set; } = [];

    /// <summary>The numbers R18 publishes: the service hotline and the complaint number, province-wide and per county.</summary>
    public PublicityOptions Publicity { get; set; } = new();

    private static int InForce(IReadOnlyList<DatedValue> values, DateOnly on, string name) => DatedValue.InForce(values, on, $"Oversight:{name}");

    public int DecisionDaysOn(DateOnly on) => InForce(ComplaintDecisionDays, on, nameof(ComplaintDecisionDays));

    public int GrantsLimitOn(DateOnly on) => InForce(GrantsPerHouseholdLimit, on, nameof(GrantsPerHouseholdLimit));

    public int GrantWindowOn(DateOnly on) => InForce(GrantWindowDays, on, nameof(GrantWindowDays));

    public int ApproverLimitOn(DateOnly on) => InForce(ApproverGrantsLimit, on, nameof(ApproverGrantsLimit));

    public int ApproverWindowOn(DateOnly on) => InForce(ApproverWindowDays, on, nameof(ApproverWindowDays));

    public int AfterExitDaysOn(DateOnly on) => InForce(DisclosureAfterExitDays, on, nameof(DisclosureAfterExitDays));

    public int TemporaryMonthsOn(DateOnly on) => InForce(TemporaryDisclosureMonths, on, nameof(TemporaryDisclosureMonths));

    public int RecentAccountChangeOn(DateOnly on) => InForce(RecentAccountChangeDays, on, nameof(RecentAccountChangeDays));

    public int DecisionTargetOn(DateOnly on) => InForce(DecisionTargetDays, on, nameof(DecisionTargetDays));
}

/// <summary>The service hotline and the complaint number (R18), with a county's own where it has them.</summary>
public sealed class PublicityOptions
{
    public string Hotline { get; set; } = "12345";

    public string ComplaintPhone { get; set; } = "12345";

    public Dictionary<string, CountyNumbers> Counties { get; set; } = [];

    public (string Hotline, string ComplaintPhone) For(string county) =>
        Counties.TryGetValue(county, out var own) ? (own.Hotline ?? Hotline, own.ComplaintPhone ?? ComplaintPhone) : (Hotline, ComplaintPhone);
}

public sealed class CountyNumbers
{
    public string? Hotline { get; set; }

    public string? ComplaintPhone { get; set; }
}
