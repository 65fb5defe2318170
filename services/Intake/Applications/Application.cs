using System.Text.Json.Serialization;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Intake.Applications;

/// <summary>Where an application stands. The order is the order of the timeline: a status only moves forward.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))]
public enum ApplicationStatus
{
    [JsonStringEnumMemberName("submitted")] Submitted = 0,
    [JsonStringEnumMemberName("assessed")] Assessed = 1,
    [JsonStringEnumMemberName("decided")] Decided = 2,
    [JsonStringEnumMemberName("granted")] Granted = 3,
    [JsonStringEnumMemberName("paid")] Paid = 4,
    [JsonStringEnumMemberName("notified")] Notified = 5,
    [JsonStringEnumMemberName("closed")] Closed = 6,
}

[JsonConverter(typeof(JsonStringEnumConverter<Decision>))]
public enum Decision
{
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("refused")] Refused,
}

/// <summary>An application for assistance and its way through the platform.</summary>
public sealed class Application
{
    public long Key { get; private set; }
    public Guid ApplicationId { get; private set; }

    /// <summary>What the applicant follows the application with, without an account (the public site, R3).</summary>
    public string TrackingCode { get; private set; } = "";

    public DateTimeOffset SubmittedAt { get; private set; }
    public Channel Channel { get; private set; }
    public Scheme Scheme { get; private set; }
    public TemporaryAssistanceKind? TemporaryAssistanceKind { get; private set; }
    public string ApplicantIdNumber { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string? ApplicantPhone { get; private set; }
    public string HukouCounty { get; private set; } = "";
    public string ResidenceCounty { get; private set; } = "";

    /// <summary>The township of residence, when known: a township's people see only their township's applications.</summary>
    public string? ResidenceTownship { get; private set; }

    /// <summary>The village or community of residence, when known: where a proposal is publicly disclosed.</summary>
    public string? ResidenceVillage { get; private set; }
    public AreaType AreaType { get; private set; }
    public List<HouseholdMember> Members { get; private set; } = [];
    public Circumstances Circumstances { get; private set; } = null!;
    public VerificationAuthorization Authorization { get; private set; } = null!;
    public Guid? LeadId { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public Decision? Decision { get; private set; }
    /// <summary>When its status or decision last changed; notes and notices on its timeline leave it (issue 22).</summary>
    [NotAudited]
    public DateTimeOffset UpdatedAt { get; private set; }
    public List<TimelineEntry> Timeline { get; private set; } = [];
    public List<ApplicationPerson> Persons { get; private set; } = [];

    private Application()
    {
    }

    public static Application Submit(ValidatedApplication application, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        var submitted = new Application
        {
            ApplicationId = Guid.CreateVersion7(now),
            TrackingCode = TrackingCodes.New(),
            SubmittedAt = now,
            Channel = application.Channel,
            Scheme = application.Scheme,
            TemporaryAssistanceKind = application.TemporaryAssistanceKind,
            ApplicantIdNumber = application.ApplicantIdNumber,
            ApplicantName = application.ApplicantName,
            ApplicantPhone = application.ApplicantPhone,
            HukouCounty = application.HukouCounty,
            ResidenceCounty = application.ResidenceCounty,
            ResidenceTownship = application.ResidenceTownship,
            ResidenceVillage = application.ResidenceVillage,
            AreaType = application.AreaType,
            Members = [.. application.Members],
            Circumstances = application.Circumstances,
            Authorization = application.Authorization,
            LeadId = application.LeadId,
            Status = ApplicationStatus.Submitted,
            UpdatedAt = now,
        };

        // R20: one open application per person per scheme, province-wide (a unique index on these rows).
        foreach (var member in application.Members)
        {
            submitted.Persons.Add(new ApplicationPerson { IdNumber = member.IdNumber, Scheme = application.Scheme, IsOpen = true });
        }

        submitted.Timeline.Add(TimelineEntry.Create(ApplicationStatus.Submitted, now,
            $"已受理（{ChannelZh(application.Channel)}）。", $"Received ({WireNameOf(application.Channel)}).", null));
        return submitted;
    }

    /// <summary>
    /// Gives a submitted application its key, and its persons and first step the reference to it: a submission's rows
    /// are written without EF (issue 22, <c>Submissions</c>), which would otherwise have fixed the references up.
    /// </summary>
    public void KeyedAs(long key)
    {
        Key = key;
        foreach (var person in Persons)
        {
            person.ApplicationKey = key;
        }

        foreach (var step in Timeline)
        {
            step.ApplicationKey = key;
        }
    }

    /// <summary>
    /// Records a step reported by another service. The timeline keeps every step; the status only
    /// moves forward, so a late or repeated event never moves it back (nor <see cref="UpdatedAt"/>: a step
    /// that leaves the status where it is, such as the notice of a payment after the close, writes its step only).
    /// </summary>
    public void Record(ApplicationStatus stage, DateTimeOffset occurredAt, string detailZh, string detailEn, Guid? sourceMessageId, DateTimeOffset now)
    {
        Timeline.Add(TimelineEntry.Create(stage, occurredAt, detailZh, detailEn, sourceMessageId));
        if (stage > Status)
        {
            Status = stage;
            UpdatedAt = now;
        }
    }

    /// <summary>
    /// Adds a step to the timeline without moving the status: the person being told that their
    /// application was received must not make it look further along than it is. The application itself
    /// does not change (<see cref="UpdatedAt"/> stays), so a note writes its step only.
    /// </summary>
    public void Note(ApplicationStatus stage, DateTimeOffset occurredAt, string detailZh, string detailEn, Guid? sourceMessageId) =>
        Timeline.Add(TimelineEntry.Create(stage, occurredAt, detailZh, detailEn, sourceMessageId));

    /// <summary>Records the decision; a late or repeated one does not replace it (only a review reopens it).</summary>
    public void Decide(Decision decision, DateTimeOffset occurredAt, string reasonZh, string reasonEn, Guid? sourceMessageId, DateTimeOffset now)
    {
        if (Decision is null)
        {
            Decision = decision;
            UpdatedAt = now;
        }

        var (zh, en) = decision == Applications.Decision.Approved ? ("批准", "Approved") : ("不予批准", "Refused");
        Record(ApplicationStatus.Decided, occurredAt, $"{zh}：{reasonZh}", $"{en}: {reasonEn}", sourceMessageId, now);
    }

    /// <summary>
    /// A refusal under review (R20): the decision is open again until the review's; the refusal stays on the timeline.
    /// </summary>
    public void ReopenForReview(DateTimeOffset occurredAt, string detailZh, string detailEn, Guid? sourceMessageId, DateTimeOffset now)
    {
        Decision = null;
        Note(ApplicationStatus.Decided, occurredAt, detailZh, detailEn, sourceMessageId);
        UpdatedAt = now;
    }

    /// <summary>Closes the application: the people in it may apply again for the same scheme.</summary>
    public void Close(DateTimeOffset occurredAt, string reasonZh, string reasonEn, Guid? sourceMessageId, DateTimeOffset now)
    {
        if (Status == ApplicationStatus.Closed)
        {
            return;
        }

        Record(ApplicationStatus.Closed, occurredAt, reasonZh, reasonEn, sourceMessageId, now);
        foreach (var person in Persons)
        {
            person.IsOpen = false;
        }
    }

    public bool IsOpen => Status != ApplicationStatus.Closed;

    private static string WireNameOf(Channel channel) => ServiceDefaults.Http.WireName.Of(channel);

    private static string ChannelZh(Channel channel) => channel switch
    {
        Channel.Hotline12345 => "12345 热线",
        Channel.WalkIn => "窗口",
        Channel.Online => "网上申请",
        Channel.QrCode => "码上救",
        Channel.Outreach => "主动发现",
        _ => channel.ToString(),
    };
}

/// <summary>A person of an application, for the province-wide duplicate rule (R20).</summary>
public sealed class ApplicationPerson
{
    public long Key { get; set; }
    public long ApplicationKey { get; set; }
    public string IdNumber { get; set; } = "";
    public Scheme Scheme { get; set; }
    public bool IsOpen { get; set; }
}

/// <summary>One step of an application's timeline (a trail itself, not copied into the audit trail).</summary>
[NotAudited]
public sealed class TimelineEntry
{
    public long Key { get; private set; }
    public long ApplicationKey { get; internal set; }
    public ApplicationStatus Stage { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string DetailZh { get; private set; } = "";
    public string DetailEn { get; private set; } = "";
    public Guid? SourceMessageId { get; private set; }

    public static TimelineEntry Create(ApplicationStatus stage, DateTimeOffset occurredAt, string detailZh, string detailEn, Guid? sourceMessageId) =>
        new() { Stage = stage, OccurredAt = occurredAt, DetailZh = detailZh, DetailEn = detailEn, SourceMessageId = sourceMessageId };
}
