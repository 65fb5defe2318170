using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Intake.Leads;

[JsonConverter(typeof(JsonStringEnumConverter<LeadStatus>))]
public enum LeadStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("converted")] Converted,
    [JsonStringEnumMemberName("closed")] Closed,
}

/// <summary>
/// A person in difficulty found by a grassroots worker or by monitoring (R1, R2). Every lead is
/// followed up by its deadline: converted into an application or closed with a reason.
/// </summary>
public sealed class Lead
{
    public long Key { get; private set; }
    public Guid LeadId { get; private set; }
    public string County { get; private set; } = "";
    public string? Township { get; private set; }
    public string ReporterName { get; private set; } = "";
    public ReporterRole ReporterRole { get; private set; }
    public DiscoveryMethod Method { get; private set; }
    public PriorityGroup PriorityGroup { get; private set; }
    public string PersonName { get; private set; } = "";
    public string? PersonIdNumber { get; private set; }
    public string? PersonPhone { get; private set; }
    public string? Address { get; private set; }
    public string Description { get; private set; } = "";
    public DateTimeOffset FoundAt { get; private set; }
    public DateTimeOffset FollowUpDeadline { get; private set; }
    public LeadStatus Status { get; private set; }
    public DateTimeOffset? OverdueAt { get; private set; }
    public Guid? ApplicationId { get; private set; }
    public string? ClosedReason { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public Guid? SourceWarningId { get; private set; }

    private Lead()
    {
    }

    public static Lead Raise(
        string county, string? township, string reporterName, ReporterRole role, DiscoveryMethod method, PriorityGroup group,
        string personName, string? personIdNumber, string? personPhone, string? address, string description,
        DateTimeOffset foundAt, TimeSpan followUpPeriod, DateTimeOffset now, Guid? sourceWarningId = null) => new()
        {
            LeadId = Guid.CreateVersion7(now),
            County = county,
            Township = township,
            ReporterName = reporterName,
            ReporterRole = role,
            Method = method,
            PriorityGroup = group,
            PersonName = personName,
            PersonIdNumber = personIdNumber,
            PersonPhone = personPhone,
            Address = address,
            Description = description,
            FoundAt = foundAt,
            FollowUpDeadline = foundAt + followUpPeriod,
            Status = LeadStatus.Open,
            SourceWarningId = sourceWarningId,
        };

    public bool IsOverdue(DateTimeOffset now) => Status == LeadStatus.Open && FollowUpDeadline < now;

    public void Convert(Guid applicationId, DateTimeOffset now)
    {
        Status = LeadStatus.Converted;
        ApplicationId = applicationId;
        ResolvedAt = now;
    }

    public void Close(string reason, string closedBy, DateTimeOffset now)
    {
        Status = LeadStatus.Closed;
        ClosedReason = reason;
        ClosedBy = closedBy;
        ResolvedAt = now;
    }

    /// <summary>Marks the lead overdue once; false when it was already marked (another replica got there).</summary>
    public bool MarkOverdue(DateTimeOffset now)
    {
        if (OverdueAt is not null || !IsOverdue(now))
        {
            return false;
        }

        OverdueAt = now;
        return true;
    }

    internal static void Configure(EntityTypeBuilder<Lead> lead)
    {
        lead.ToTable("leads");
        lead.HasRowVersion();
        lead.HasKey(l => l.Key);
        lead.HasIndex(l => l.LeadId).IsUnique();
        lead.Property(l => l.County).HasMaxLength(6);
        lead.Property(l => l.Township).HasMaxLength(50);
        lead.Property(l => l.ReporterName).HasMaxLength(50);
        lead.Property(l => l.ReporterRole).HasConversion<string>().HasMaxLength(32);
        lead.Property(l => l.Method).HasConversion<string>().HasMaxLength(32);
        lead.Property(l => l.PriorityGroup).HasConversion<string>().HasMaxLength(32);
        lead.Property(l => l.PersonName).HasMaxLength(50);
        lead.Property(l => l.PersonIdNumber).HasMaxLength(18);
        lead.Property(l => l.PersonPhone).HasMaxLength(20);
        lead.Property(l => l.Address).HasMaxLength(200);
        lead.Property(l => l.Description).HasMaxLength(2000);
        lead.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        lead.Property(l => l.ClosedReason).HasMaxLength(500);
        lead.Property(l => l.ClosedBy).HasMaxLength(50);
        lead.HasIndex(l => new { l.Status, l.FollowUpDeadline });
        lead.HasIndex(l => l.SourceWarningId).IsUnique();
    }
}
