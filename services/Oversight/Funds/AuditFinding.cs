using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Oversight.Complaints;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Oversight.Funds;

[JsonConverter(typeof(JsonStringEnumConverter<AuditFindingStatus>))]
public enum AuditFindingStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("rectified")] Rectified,
    [JsonStringEnumMemberName("reported")] Reported,
}

/// <summary>The rectification and report deadlines of a year's audit findings (R19: 10 July and 15 August), in force from a date.</summary>
public sealed class AuditDeadlines
{
    public DateOnly From { get; set; }

    /// <summary>Month and day, <c>MM-dd</c>.</summary>
    public string RectifyBy { get; set; } = "07-10";

    public string ReportBy { get; set; } = "08-15";

    public static (DateOnly RectifyBy, DateOnly ReportBy) For(IReadOnlyList<AuditDeadlines> deadlines, int year)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var yearStart = new DateOnly(year, 1, 1);
        var inForce = deadlines.Where(d => d.From <= yearStart).OrderByDescending(d => d.From).FirstOrDefault()
            ?? throw new InvalidOperationException($"Oversight:AuditDeadlines has no value in force for {year}.");
        return (On(year, inForce.RectifyBy), On(year, inForce.ReportBy));
    }

    private static DateOnly On(int year, string monthDay) =>
        DateOnly.ParseExact($"{year}-{monthDay}", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// An audit finding about the funds (R19): found by the audit office in a county, rectified by the county
/// by its deadline, and the rectification reported by the next; an overdue list shows who is late.
/// </summary>
public sealed class AuditFinding
{
    public long Key { get; private set; }
    public Guid FindingId { get; private set; }
    public string County { get; private set; } = "";
    public int Year { get; private set; }
    public string Source { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public decimal? Amount { get; private set; }
    public DateOnly RectifyBy { get; private set; }
    public DateOnly ReportBy { get; private set; }
    public AuditFindingStatus Status { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public string? Measures { get; private set; }
    public string? RectifiedBy { get; private set; }
    public DateTimeOffset? RectifiedAt { get; private set; }
    public string? Report { get; private set; }
    public string? ReportedBy { get; private set; }
    public DateTimeOffset? ReportedAt { get; private set; }

    private AuditFinding()
    {
    }

    public static AuditFinding Record(string county, int year, string source, string subject, decimal? amount, (DateOnly RectifyBy, DateOnly ReportBy) deadlines, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        return new AuditFinding
        {
            FindingId = Guid.CreateVersion7(now), County = county, Year = year, Source = source, Subject = subject, Amount = amount,
            RectifyBy = deadlines.RectifyBy, ReportBy = deadlines.ReportBy, Status = AuditFindingStatus.Open, RecordedBy = by.ToString(), RecordedAt = now,
        };
    }

    /// <summary>What is late on a day: the rectification while open past its day, the report while unreported past its day.</summary>
    public string? OverdueOn(DateOnly today) => Status switch
    {
        AuditFindingStatus.Open when today > RectifyBy => "rectification",
        AuditFindingStatus.Open or AuditFindingStatus.Rectified when today > ReportBy => "report",
        _ => null,
    };

    public void Rectify(Actor by, string measures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Status != AuditFindingStatus.Open)
        {
            throw new OversightException(StatusCodes.Status409Conflict, "already_rectified", "该审计问题已整改。", "This finding has been rectified.");
        }

        Measures = measures;
        RectifiedBy = by.ToString();
        RectifiedAt = now;
        Status = AuditFindingStatus.Rectified;
    }

    public void ReportRectification(Actor by, string report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Status != AuditFindingStatus.Rectified)
        {
            throw new OversightException(StatusCodes.Status409Conflict, Status == AuditFindingStatus.Open ? "not_rectified" : "already_reported",
                Status == AuditFindingStatus.Open ? "整改完成后再报送整改情况。" : "整改情况已报送。",
                Status == AuditFindingStatus.Open ? "A finding is reported once it is rectified." : "The rectification has been reported.");
        }

        Report = report;
        ReportedBy = by.ToString();
        ReportedAt = now;
        Status = AuditFindingStatus.Reported;
    }

    internal static void Configure(EntityTypeBuilder<AuditFinding> a)
    {
        a.ToTable("audit_findings");
        a.HasKey(x => x.Key);
        a.HasIndex(x => x.FindingId).IsUnique();
        a.HasIndex(x => new { x.County, x.Year });
        a.Property(x => x.County).HasMaxLength(6);
        a.Property(x => x.Source).HasMaxLength(100);
        a.Property(x => x.Subject).HasMaxLength(2000);
        a.Property(x => x.Amount).HasPrecision(16, 2);
        a.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        a.Property(x => x.RecordedBy).HasMaxLength(150);
        a.Property(x => x.Measures).HasMaxLength(2000);
        a.Property(x => x.RectifiedBy).HasMaxLength(150);
        a.Property(x => x.Report).HasMaxLength(2000);
        a.Property(x => x.ReportedBy).HasMaxLength(150);
        a.HasRowVersion();
    }
}
