using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Eligibility.Policies;

[JsonConverter(typeof(JsonStringEnumConverter<StandardKind>))]
public enum StandardKind
{
    /// <summary>低保标准: monthly amount per person.</summary>
    [JsonStringEnumMemberName("dibao")] Dibao,

    /// <summary>特困人员基本生活标准: monthly amount per person.</summary>
    [JsonStringEnumMemberName("tekun")] Tekun,
}

/// <summary>
/// One version of a county's standard (per area type), in force from its date until the next
/// version's. Versions are never edited: a change is a new version, so past assessments keep the
/// figures they used (R11, R20).
/// </summary>
public sealed class CountyStandard
{
    public long Key { get; set; }
    public string County { get; set; } = "";
    public AreaType AreaType { get; set; }
    public StandardKind Kind { get; set; }
    public decimal MonthlyAmount { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string? Note { get; set; }

    internal static void Configure(EntityTypeBuilder<CountyStandard> standard)
    {
        standard.ToTable("county_standards");
        standard.HasKey(s => s.Key);
        standard.Property(s => s.County).HasMaxLength(6);
        standard.Property(s => s.AreaType).HasConversion<string>().HasMaxLength(16);
        standard.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        standard.Property(s => s.MonthlyAmount).HasPrecision(14, 2);
        standard.Property(s => s.RecordedBy).HasMaxLength(50);
        standard.Property(s => s.Note).HasMaxLength(500);
        standard.HasIndex(s => new { s.County, s.AreaType, s.Kind, s.EffectiveFrom }).IsUnique();
    }
}

/// <summary>Names of the province-wide parameters local policy sets.</summary>
public static class PolicyParameters
{
    /// <summary>Near-dibao line as a multiple of the dibao standard (1.5).</summary>
    public const string NearDibaoFactor = "near-dibao-factor";

    /// <summary>R6: share of the work county's monthly urban standard deducted from an employed member's income (0.30).</summary>
    public const string EmploymentCostDeductionRate = "employment-cost-deduction-rate";

    /// <summary>R7: months a household keeps its benefit after work lifts it above the standard (6).</summary>
    public const string GradualExitMonths = "gradual-exit-months";

    /// <summary>R4 R5 R9 R13: lowest multiple of the urban standard for a temporary grant (2).</summary>
    public const string TemporaryMultiplierMin = "temporary-multiplier-min";

    /// <summary>Highest multiple before the case-by-case procedure (R14) is needed (4).</summary>
    public const string TemporaryMultiplierMax = "temporary-multiplier-max";

    /// <summary>R4: consecutive months without income (3).</summary>
    public const string R4MonthsWithoutIncome = "r4-months-without-income";

    /// <summary>R2: monthly out-of-pocket medical costs (CNY) from which the medical-insurance feed raises a warning.</summary>
    public const string MedicalOutOfPocketThreshold = "medical-out-of-pocket-threshold";

    /// <summary>R20: days a proposed approval stays on its village or township's public list (7).</summary>
    public const string DisclosureDays = "disclosure-days";

    /// <summary>R3: days from application to decision (30).</summary>
    public const string DecisionDays = "decision-days";

    /// <summary>R3: days from application to decision for an urgent case (10).</summary>
    public const string UrgentDecisionDays = "urgent-decision-days";

    /// <summary>Days the township has for the household investigation after verification (10).</summary>
    public const string InvestigationDays = "investigation-days";

    /// <summary>Days to resolve an objection lodged during disclosure (5).</summary>
    public const string ObjectionDays = "objection-days";

    /// <summary>Days after a refusal in which the applicant may ask for a review (30).</summary>
    public const string ReviewRequestDays = "review-request-days";

    /// <summary>Months between re-certifications of a dibao household none of whose members can work (12).</summary>
    public const string RecertificationMonthsNoWorkAbility = "recertification-months-no-work-ability";

    /// <summary>Months between re-certifications of other dibao households (6).</summary>
    public const string RecertificationMonthsDibao = "recertification-months-dibao";

    /// <summary>Months between re-certifications of a tekun person (12).</summary>
    public const string RecertificationMonthsTekun = "recertification-months-tekun";

    /// <summary>Verification: a vehicle at or above this value (CNY) is a discrepancy to explain (50,000).</summary>
    public const string VehicleValueThreshold = "vehicle-value-threshold";

    /// <summary>Verification: deposits above this amount per household member (CNY) are a discrepancy to explain (20,000).</summary>
    public const string DepositsPerPersonThreshold = "deposits-per-person-threshold";

    /// <summary>Days the township has to get an account corrected after the bank could not pay it (5).</summary>
    public const string AccountCorrectionDays = "account-correction-days";

    public static IReadOnlyList<string> All { get; } =
        [NearDibaoFactor, EmploymentCostDeductionRate, GradualExitMonths, TemporaryMultiplierMin, TemporaryMultiplierMax, R4MonthsWithoutIncome, MedicalOutOfPocketThreshold,
         DisclosureDays, DecisionDays, UrgentDecisionDays, InvestigationDays, ObjectionDays, ReviewRequestDays,
         RecertificationMonthsNoWorkAbility, RecertificationMonthsDibao, RecertificationMonthsTekun, VehicleValueThreshold, DepositsPerPersonThreshold, AccountCorrectionDays];
}

/// <summary>One version of a province-wide parameter.</summary>
public sealed class PolicyParameter
{
    public long Key { get; set; }
    public string Name { get; set; } = "";
    public decimal Value { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string? Note { get; set; }

    internal static void Configure(EntityTypeBuilder<PolicyParameter> parameter)
    {
        parameter.ToTable("policy_parameters");
        parameter.HasKey(p => p.Key);
        parameter.Property(p => p.Name).HasMaxLength(64);
        parameter.Property(p => p.Value).HasPrecision(14, 4);
        parameter.Property(p => p.RecordedBy).HasMaxLength(50);
        parameter.Property(p => p.Note).HasMaxLength(500);
        parameter.HasIndex(p => new { p.Name, p.EffectiveFrom }).IsUnique();
    }
}

/// <summary>
/// The policy in force on one date: the values an assessment of that date uses. Built from the
/// versions, choosing for each the latest effective-from on or before the date.
/// </summary>
public sealed class PolicySnapshot(DateOnly date, IReadOnlyList<CountyStandard> standards, IReadOnlyList<PolicyParameter> parameters)
{
    public DateOnly Date { get; } = date;

    public CountyStandard? Standard(string county, AreaType area, StandardKind kind) =>
        standards.Where(s => s.County == county && s.AreaType == area && s.Kind == kind && s.EffectiveFrom <= Date)
            .MaxBy(s => s.EffectiveFrom);

    public decimal? Parameter(string name) =>
        parameters.Where(p => p.Name == name && p.EffectiveFrom <= Date).MaxBy(p => p.EffectiveFrom)?.Value;

    /// <summary>The same versions seen from another date (a month of back pay or recalculation).</summary>
    public PolicySnapshot On(DateOnly other) => new(other, standards, parameters);

    public decimal RequiredParameter(string name) =>
        Parameter(name) ?? throw new PolicyMissingException($"No value of '{name}' is in force on {Date:yyyy-MM-dd}.");
}

public sealed class PolicyMissingException(string message) : Exception(message);
