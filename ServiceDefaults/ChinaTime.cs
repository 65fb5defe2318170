namespace ReliefPlatform.ServiceDefaults;

/// <summary>
/// The platform's calendar is China Standard Time (UTC+8, no daylight saving): "today", due dates,
/// months of entitlement and deadlines are dates there, whatever the server's own time zone.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The date in China at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Today's date in China.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>Midnight in China at the start of <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);
}
