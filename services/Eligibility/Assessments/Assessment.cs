using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Eligibility.Assessments;

/// <summary>
/// One assessment of a household, kept with the facts and figures it used and its rule trace, so
/// that a decision can be explained and checked later even after the standards change (R20).
/// </summary>
public sealed class Assessment
{
    public long Key { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTimeOffset AssessedAt { get; set; }
    public DateOnly PolicyDate { get; set; }
    public Scheme Scheme { get; set; }
    public TemporaryAssistanceKind? TemporaryAssistanceKind { get; set; }
    public string ApplicantIdNumber { get; set; } = "";
    public string ApplicantName { get; set; } = "";
    public string ResidenceCounty { get; set; } = "";
    public string HukouCounty { get; set; } = "";
    public AreaType AreaType { get; set; }
    public AssessmentOutcome Outcome { get; set; }
    public string Category { get; set; } = "";
    public decimal? MonthlyAmount { get; set; }
    public decimal? Standard { get; set; }
    public decimal? CountedIncome { get; set; }
    public decimal? PerCapitaIncome { get; set; }
    public string ReasonZh { get; set; } = "";
    public string ReasonEn { get; set; } = "";
    public List<RuleTraceStep> Trace { get; set; } = [];
    public List<HouseholdMember> Members { get; set; } = [];
    public Circumstances Circumstances { get; set; } = null!;

    internal static void Configure(EntityTypeBuilder<Assessment> assessment)
    {
        assessment.ToTable("assessments");
        assessment.HasKey(a => a.Key);
        assessment.HasIndex(a => a.AssessmentId).IsUnique();
        assessment.HasIndex(a => a.ApplicationId);
        assessment.Property(a => a.Scheme).HasConversion<string>().HasMaxLength(32);
        assessment.Property(a => a.TemporaryAssistanceKind).HasConversion<string>().HasMaxLength(32);
        assessment.Property(a => a.AreaType).HasConversion<string>().HasMaxLength(16);
        assessment.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16);
        assessment.Property(a => a.Category).HasMaxLength(32);
        assessment.Property(a => a.ApplicantIdNumber).HasMaxLength(18);
        assessment.Property(a => a.ApplicantName).HasMaxLength(50);
        assessment.Property(a => a.ResidenceCounty).HasMaxLength(6);
        assessment.Property(a => a.HukouCounty).HasMaxLength(6);
        assessment.Property(a => a.MonthlyAmount).HasPrecision(14, 2);
        assessment.Property(a => a.Standard).HasPrecision(14, 2);
        assessment.Property(a => a.CountedIncome).HasPrecision(14, 2);
        assessment.Property(a => a.PerCapitaIncome).HasPrecision(14, 2);
        assessment.Property(a => a.ReasonZh).HasMaxLength(1000);
        assessment.Property(a => a.ReasonEn).HasMaxLength(1000);
        assessment.Property(a => a.Trace).HasJsonConversion();
        assessment.Property(a => a.Members).HasJsonConversion();
        assessment.Property(a => a.Circumstances).HasJsonConversion();
        assessment.HasIndex(a => new { a.ResidenceCounty, a.AssessedAt });
    }
}
