namespace ReliefPlatform.Oversight;

/// <summary>A period or a limit local policy sets, in force from a date (the policy notice leaves it to the province).</summary>
public sealed class DatedValue
{
    public DateOnly From { get; set; }

    public int Value { get; set; }
}

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

    /// <summary>The value in force on a day: the latest whose date is not after it.</summary>
    public static int InForce(IReadOnlyList<DatedValue> values, DateOnly on, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Where(v => v.From <= on).OrderByDescending(v => v.From).FirstOrDefault()?.Value
            ?? throw new InvalidOperationException($"Oversight:{name} has no value in force on {on:yyyy-MM-dd}.");
    }

    public int DecisionDaysOn(DateOnly on) => InForce(ComplaintDecisionDays, on, nameof(ComplaintDecisionDays));

    public int GrantsLimitOn(DateOnly on) => InForce(GrantsPerHouseholdLimit, on, nameof(GrantsPerHouseholdLimit));

    public int GrantWindowOn(DateOnly on) => InForce(GrantWindowDays, on, nameof(GrantWindowDays));
}
