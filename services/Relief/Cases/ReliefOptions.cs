namespace ReliefPlatform.Relief.Cases;

/// <summary>Settings of temporary assistance (configuration section <c>Relief</c>).</summary>
public sealed class ReliefOptions
{
    public const string SectionName = "Relief";

    /// <summary>R20: a second grant of the same kind to the same person within this window is refused.</summary>
    public TimeSpan OneGrantPerIncidentWindow { get; set; } = TimeSpan.FromDays(90);

    /// <summary>R8: a case paid first from a reserve fund is reviewed within this period.</summary>
    public TimeSpan AssistFirstReviewPeriod { get; set; } = TimeSpan.FromDays(10);

    /// <summary>How often relief looks for assist-first reviews past their deadline.</summary>
    public TimeSpan ReviewScanInterval { get; set; } = TimeSpan.FromMinutes(1);
}
