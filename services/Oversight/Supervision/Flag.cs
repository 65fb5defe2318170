using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Oversight.Complaints;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Oversight.Supervision;

[JsonConverter(typeof(JsonStringEnumConverter<FlagStatus>))]
public enum FlagStatus
{
    [JsonStringEnumMemberName("raised")] Raised,
    [JsonStringEnumMemberName("investigating")] Investigating,
    [JsonStringEnumMemberName("confirmed")] Confirmed,
    [JsonStringEnumMemberName("dismissed")] Dismissed,
}

/// <summary>
/// A supervision rule's hit (R20): raised once per rule and subject with its evidence, then a person's
/// work: taken to investigate, and closed as confirmed (with the amount to recover, if any) or dismissed,
/// always with the reasons (staff who correct a mistake in time are not blamed: the trail shows it).
/// </summary>
public sealed class Flag
{
    public long Key { get; private set; }
    public Guid FlagId { get; private set; }
    public string Rule { get; private set; } = "";
    public string County { get; private set; } = "";

    /// <summary>What the rule found this about (unique with the rule): a second sighting raises nothing new.</summary>
    public string SubjectKey { get; private set; } = "";

    public string SummaryZh { get; private set; } = "";
    public string SummaryEn { get; private set; } = "";

    /// <summary>The evidence as JSON (masked personal data; the records it names are opened in their services).</summary>
    public string Evidence { get; private set; } = "{}";

    public DateTimeOffset RaisedAt { get; private set; }
    public FlagStatus Status { get; private set; }
    public string? InvestigatedBy { get; private set; }
    public DateTimeOffset? TakenAt { get; private set; }
    public string? Reasons { get; private set; }
    public decimal? RecoveryAmount { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    private Flag()
    {
    }

    public static Flag Raise(FlagDraft draft, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new Flag
        {
            FlagId = Guid.CreateVersion7(now),
            Rule = draft.Rule,
            County = draft.County,
            SubjectKey = draft.SubjectKey,
            SummaryZh = draft.SummaryZh,
            SummaryEn = draft.SummaryEn,
            Evidence = System.Text.Json.JsonSerializer.Serialize(draft.Evidence),
            RaisedAt = now,
            Status = FlagStatus.Raised,
        };
    }

    public bool IsClosed => Status is FlagStatus.Confirmed or FlagStatus.Dismissed;

    /// <summary>A person takes the flag to investigate it.</summary>
    public void Take(Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        RefuseIfClosed();
        InvestigatedBy = by.ToString();
        TakenAt = now;
        Status = FlagStatus.Investigating;
    }

    /// <summary>Confirmed by whoever investigated it, with reasons and what is to be recovered (handed to the recovery procedure).</summary>
    public void Confirm(Actor by, string reasons, decimal? recovery, DateTimeOffset now) => Close(by, FlagStatus.Confirmed, reasons, recovery, now);

    /// <summary>Dismissed with the reasons it was not what it looked like.</summary>
    public void Dismiss(Actor by, string reasons, DateTimeOffset now) => Close(by, FlagStatus.Dismissed, reasons, null, now);

    private void Close(Actor by, FlagStatus outcome, string reasons, decimal? recovery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        RefuseIfClosed();
        if (Status != FlagStatus.Investigating)
        {
            throw new OversightException(StatusCodes.Status409Conflict, "not_investigated", "疑点须先由工作人员调查核实，再作结论。", "A flag is investigated before it is confirmed or dismissed.");
        }

        Status = outcome;
        Reasons = reasons;
        RecoveryAmount = recovery;
        ClosedBy = by.ToString();
        ClosedAt = now;
    }

    private void RefuseIfClosed()
    {
        if (IsClosed)
        {
            throw new OversightException(StatusCodes.Status409Conflict, "flag_closed", "该疑点已有结论。", "This flag has been closed.");
        }
    }

    internal static void Configure(EntityTypeBuilder<Flag> f)
    {
        f.ToTable("flags");
        f.HasKey(x => x.Key);
        f.HasIndex(x => x.FlagId).IsUnique();
        f.HasIndex(x => new { x.Rule, x.SubjectKey }).IsUnique();
        f.HasIndex(x => new { x.County, x.RaisedAt });
        f.Property(x => x.Rule).HasMaxLength(32);
        f.Property(x => x.County).HasMaxLength(6);
        f.Property(x => x.SubjectKey).HasMaxLength(200);
        f.Property(x => x.SummaryZh).HasMaxLength(500);
        f.Property(x => x.SummaryEn).HasMaxLength(500);
        f.Property(x => x.Evidence).HasColumnType("jsonb");
        f.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        f.Property(x => x.InvestigatedBy).HasMaxLength(150);
        f.Property(x => x.Reasons).HasMaxLength(2000);
        f.Property(x => x.RecoveryAmount).HasPrecision(12, 2);
        f.Property(x => x.ClosedBy).HasMaxLength(150);
        f.HasRowVersion();
    }
}
