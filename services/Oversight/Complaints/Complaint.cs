using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Oversight.Complaints;

/// <summary>Where a complaint or tip came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComplaintChannel>))]
public enum ComplaintChannel
{
    /// <summary>The public site's form (R18 publishes where to complain).</summary>
    [JsonStringEnumMemberName("public-form")] PublicForm,

    /// <summary>The 12345 government service hotline, passed on by its system with the hotline's ticket.</summary>
    [JsonStringEnumMemberName("hotline-12345")] Hotline12345,
}

/// <summary>What a complaint is about (R20: false claims, embezzlement, favour-based dibao; and the service itself).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComplaintKind>))]
public enum ComplaintKind
{
    [JsonStringEnumMemberName("false-claim")] FalseClaim,
    [JsonStringEnumMemberName("embezzlement")] Embezzlement,
    [JsonStringEnumMemberName("relationship-dibao")] RelationshipDibao,
    [JsonStringEnumMemberName("service")] Service,
    [JsonStringEnumMemberName("other")] Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<ComplaintStatus>))]
public enum ComplaintStatus
{
    [JsonStringEnumMemberName("received")] Received,
    [JsonStringEnumMemberName("assigned")] Assigned,
    [JsonStringEnumMemberName("decided")] Decided,
}

[JsonConverter(typeof(JsonStringEnumConverter<ComplaintOutcome>))]
public enum ComplaintOutcome
{
    [JsonStringEnumMemberName("substantiated")] Substantiated,
    [JsonStringEnumMemberName("partly-substantiated")] PartlySubstantiated,
    [JsonStringEnumMemberName("not-substantiated")] NotSubstantiated,
}

/// <summary>A step the complaint's state refuses, as a problem (409) in both languages.</summary>
public sealed class OversightException(int status, string code, string zh, string en) : Exception(en)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Zh { get; } = zh;
}

/// <summary>
/// A complaint or tip (举报, R20): received from the public form or the 12345 hotline, anonymous or
/// named, due for a decision by the period in force on the day it arrived; assigned to a person of the
/// county's office, then decided once with an outcome and the reasons the complainant reads with the
/// tracking code.
/// </summary>
public sealed class Complaint
{
    public long Key { get; private set; }
    public Guid ComplaintId { get; private set; }

    /// <summary>What the complainant follows the complaint with (12 characters, unguessable, the only key of the public page).</summary>
    public string TrackingCode { get; private set; } = "";

    public ComplaintChannel Channel { get; private set; }
    public ComplaintKind Kind { get; private set; }
    public string County { get; private set; } = "";

    /// <summary>The township or village the complaint is about, when the complainant names one.</summary>
    public string? Unit { get; private set; }

    public bool Anonymous { get; private set; }
    public string? ComplainantName { get; private set; }
    public string? ComplainantContact { get; private set; }
    public string Text { get; private set; } = "";
    public string? HotlineTicket { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateOnly DueOn { get; private set; }
    public ComplaintStatus Status { get; private set; }
    public string? AssignedTo { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public ComplaintOutcome? Outcome { get; private set; }
    public string? Decision { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    private Complaint()
    {
    }

    /// <summary>A complaint received; an anonymous one keeps no name or contact even if they were sent.</summary>
    public static Complaint Receive(ComplaintChannel channel, ComplaintKind kind, string county, string? unit, bool anonymous, string? name, string? contact,
        string text, string? hotlineTicket, int decisionDays, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(decisionDays, 1);
        return new Complaint
        {
            ComplaintId = Guid.CreateVersion7(now),
            TrackingCode = Contracts.Shared.TrackingCodes.New(),
            Channel = channel,
            Kind = kind,
            County = county,
            Unit = unit,
            Anonymous = anonymous,
            ComplainantName = anonymous ? null : name,
            ComplainantContact = anonymous ? null : contact,
            Text = text,
            HotlineTicket = hotlineTicket,
            ReceivedAt = now,
            DueOn = ServiceDefaults.ChinaTime.DateOf(now).AddDays(decisionDays),
            Status = ComplaintStatus.Received,
        };
    }

    /// <summary>Overdue: not decided and past the day it was due (China time).</summary>
    public bool IsOverdueOn(DateOnly today) => Status != ComplaintStatus.Decided && today > DueOn;

    /// <summary>Given to a person of the office to look into (again, to another person, until it is decided).</summary>
    public void Assign(string assignee, DateTimeOffset now)
    {
        RefuseIfDecided();
        AssignedTo = assignee;
        AssignedAt = now;
        Status = ComplaintStatus.Assigned;
    }

    /// <summary>Decided once, by a person, with the reasons the complainant reads (R20: decisions keep their reasons).</summary>
    public void Decide(Actor by, ComplaintOutcome outcome, string reasons, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        RefuseIfDecided();
        if (Status != ComplaintStatus.Assigned)
        {
            throw new OversightException(StatusCodes.Status409Conflict, "not_assigned", "投诉举报须先指定承办人调查核实，再作出处理决定。",
                "A complaint is assigned to somebody who looks into it before it is decided.");
        }

        Outcome = outcome;
        Decision = reasons;
        DecidedBy = by.ToString();
        DecidedAt = now;
        Status = ComplaintStatus.Decided;
    }

    private void RefuseIfDecided()
    {
        if (Status == ComplaintStatus.Decided)
        {
            throw new OversightException(StatusCodes.Status409Conflict, "already_decided", "该投诉举报已办结。", "This complaint has been decided.");
        }
    }

    internal static void Configure(EntityTypeBuilder<Complaint> c)
    {
        c.ToTable("complaints");
        c.HasKey(x => x.Key);
        c.Property(x => x.Key).UseIdentityAlwaysColumn();
        c.HasIndex(x => x.ComplaintId).IsUnique();
        c.HasIndex(x => x.TrackingCode).IsUnique();
        c.HasIndex(x => new { x.County, x.ReceivedAt });
        // The open ones by due day: the overdue list.
        c.HasIndex(x => x.DueOn).HasFilter("status <> 'Decided'");
        c.Property(x => x.TrackingCode).HasMaxLength(12);
        c.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(24);
        c.Property(x => x.County).HasMaxLength(6);
        c.Property(x => x.Unit).HasMaxLength(12);
        c.Property(x => x.ComplainantName).HasMaxLength(50);
        c.Property(x => x.ComplainantContact).HasMaxLength(50);
        c.Property(x => x.Text).HasMaxLength(4000);
        c.Property(x => x.HotlineTicket).HasMaxLength(40);
        c.Property(x => x.AssignedTo).HasMaxLength(150);
        c.Property(x => x.Decision).HasMaxLength(2000);
        c.Property(x => x.DecidedBy).HasMaxLength(150);
        c.HasRowVersion();
    }
}
