using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Relief.Care;

[JsonConverter(typeof(JsonStringEnumConverter<CareLevel>))]
public enum CareLevel
{
    /// <summary>具备生活自理能力.</summary>
    [JsonStringEnumMemberName("self-care")] SelfCare,

    /// <summary>部分丧失生活自理能力.</summary>
    [JsonStringEnumMemberName("partly-dependent")] PartlyDependent,

    /// <summary>完全丧失生活自理能力.</summary>
    [JsonStringEnumMemberName("fully-dependent")] FullyDependent,
}

[JsonConverter(typeof(JsonStringEnumConverter<CaregiverKind>))]
public enum CaregiverKind
{
    [JsonStringEnumMemberName("person")] Person,
    [JsonStringEnumMemberName("organisation")] Organisation,
}

[JsonConverter(typeof(JsonStringEnumConverter<ArrangementStatus>))]
public enum ArrangementStatus
{
    [JsonStringEnumMemberName("active")] Active,

    /// <summary>The caregiver was replaced; the new agreement names this one.</summary>
    [JsonStringEnumMemberName("replaced")] Replaced,
}

[JsonConverter(typeof(JsonStringEnumConverter<VisitKind>))]
public enum VisitKind
{
    /// <summary>The caregiver's visit on the schedule.</summary>
    [JsonStringEnumMemberName("caregiver")] Caregiver,

    /// <summary>The township's spot check of the care (抽查), beside the schedule.</summary>
    [JsonStringEnumMemberName("spot-check")] SpotCheck,
}

/// <summary>
/// A dispersed tekun person's care agreement (R16, 分散供养特困人员照料服务协议): who cares for them (a person or
/// an organisation), from when, at which care level. One agreement of a person is active at a time; a
/// caregiver who fails their duties is replaced by a new agreement that names this one.
/// </summary>
public sealed class CareArrangement
{
    public long Key { get; set; }
    public Guid ArrangementId { get; set; }
    public string County { get; set; } = "";
    public string Township { get; set; } = "";
    public string PersonIdNumber { get; set; } = "";
    public string PersonName { get; set; } = "";
    public CareLevel CareLevel { get; set; }
    public CaregiverKind CaregiverKind { get; set; }
    public string CaregiverName { get; set; } = "";

    /// <summary>The caregiver's identity number, or an organisation's unified social credit code.</summary>
    public string CaregiverCode { get; set; } = "";

    public string CaregiverPhone { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public ArrangementStatus Status { get; set; }
    public DateOnly? EndedOn { get; set; }
    public Guid? ReplacesArrangementId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<CareArrangement> a)
    {
        a.ToTable("care_arrangements");
        a.HasRowVersion();
        a.HasKey(x => x.Key);
        a.HasIndex(x => x.ArrangementId).IsUnique();
        // One caregiver at a time: a second active agreement of the same person is refused by the database too.
        a.HasIndex(x => x.PersonIdNumber).IsUnique().HasFilter("status = 'Active'");
        a.HasIndex(x => new { x.County, x.Status });
        a.Property(x => x.County).HasMaxLength(6);
        a.Property(x => x.Township).HasMaxLength(9);
        a.Property(x => x.PersonIdNumber).HasMaxLength(18);
        a.Property(x => x.PersonName).HasMaxLength(50);
        a.Property(x => x.CareLevel).HasConversion<string>().HasMaxLength(20);
        a.Property(x => x.CaregiverKind).HasConversion<string>().HasMaxLength(16);
        a.Property(x => x.CaregiverName).HasMaxLength(100);
        a.Property(x => x.CaregiverCode).HasMaxLength(18);
        a.Property(x => x.CaregiverPhone).HasMaxLength(20);
        a.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        a.Property(x => x.CreatedBy).HasMaxLength(50);
    }
}

/// <summary>A visit to a dispersed tekun person: the caregiver's, or the township's spot check.</summary>
public sealed class CareVisit
{
    public long Key { get; set; }
    public Guid VisitId { get; set; }
    public long ArrangementKey { get; set; }
    public VisitKind Kind { get; set; }
    public DateOnly VisitedOn { get; set; }
    public string Visitor { get; set; } = "";
    public string Findings { get; set; } = "";

    /// <summary>Whether the person was found well cared for (clean, fed, warm, medicine taken).</summary>
    public bool PersonWell { get; set; }

    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<CareVisit> v)
    {
        v.ToTable("care_visits");
        v.HasKey(x => x.Key);
        v.HasIndex(x => x.VisitId).IsUnique();
        v.HasIndex(x => new { x.ArrangementKey, x.VisitedOn });
        v.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        v.Property(x => x.Visitor).HasMaxLength(100);
        v.Property(x => x.Findings).HasMaxLength(2000);
        v.Property(x => x.RecordedBy).HasMaxLength(50);
    }
}

/// <summary>A complaint about a caregiver's care, as the township found it (true or not), with the complaint's reference (R16, R20).</summary>
public sealed class CaregiverComplaint
{
    public long Key { get; set; }
    public long ArrangementKey { get; set; }
    public string Summary { get; set; } = "";
    public bool Confirmed { get; set; }
    public string? Reference { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<CaregiverComplaint> c)
    {
        c.ToTable("caregiver_complaints");
        c.HasKey(x => x.Key);
        c.HasIndex(x => x.ArrangementKey);
        c.Property(x => x.Summary).HasMaxLength(1000);
        c.Property(x => x.Reference).HasMaxLength(50);
        c.Property(x => x.RecordedBy).HasMaxLength(50);
    }
}

/// <summary>The handover from a replaced caregiver to the next (交接): why, what was handed over, by whom.</summary>
public sealed class CaregiverHandover
{
    public long Key { get; set; }
    public Guid FromArrangementId { get; set; }
    public Guid ToArrangementId { get; set; }
    public string Reason { get; set; } = "";
    public string Notes { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<CaregiverHandover> h)
    {
        h.ToTable("caregiver_handovers");
        h.HasKey(x => x.Key);
        h.HasIndex(x => x.FromArrangementId).IsUnique();
        h.Property(x => x.Reason).HasMaxLength(1000);
        h.Property(x => x.Notes).HasMaxLength(2000);
        h.Property(x => x.RecordedBy).HasMaxLength(50);
    }
}
