namespace ReliefPlatform.ServiceDefaults;

/// <summary>
/// A period or a limit local policy sets, in force from a date: settings are lists of these, never a
/// single constant, so a change takes effect on its day and what happened before keeps its value.
/// </summary>
public sealed class DatedValue
{
    public DateOnly From { get; set; }

    public int Value { get; set; }

    /// <summary>The value in force on a day: the latest whose date is not after it.</summary>
    public static int InForce(IReadOnlyList<DatedValue> values, DateOnly on, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Where(v => v.From <= on).OrderByDescending(v => v.From).FirstOrDefault()?.Value
            ?? throw new InvalidOperationException($"{name} has no value in force on {on:yyyy-MM-dd}.");
    }
}
