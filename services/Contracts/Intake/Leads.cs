using System.Text.Json.Serialization;

namespace ReliefPlatform.Contracts.Intake;

/// <summary>Who found a person in difficulty (R1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReporterRole>))]
public enum ReporterRole
{
    [JsonStringEnumMemberName("township-cadre")] TownshipCadre,
    [JsonStringEnumMemberName("assistance-coordinator")] AssistanceCoordinator,
    [JsonStringEnumMemberName("social-worker")] SocialWorker,
    [JsonStringEnumMemberName("grid-worker")] GridWorker,
    [JsonStringEnumMemberName("childrens-director")] ChildrensDirector,

    /// <summary>Raised by eligibility's dynamic monitoring (R2), not by a person.</summary>
    [JsonStringEnumMemberName("monitoring")] Monitoring,
}

[JsonConverter(typeof(JsonStringEnumConverter<DiscoveryMethod>))]
public enum DiscoveryMethod
{
    [JsonStringEnumMemberName("home-visit")] HomeVisit,
    [JsonStringEnumMemberName("phone")] Phone,
    [JsonStringEnumMemberName("wechat")] WeChat,
    [JsonStringEnumMemberName("data-match")] DataMatch,
}

/// <summary>R1's priority groups.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PriorityGroup>))]
public enum PriorityGroup
{
    [JsonStringEnumMemberName("unemployed")] Unemployed,
    [JsonStringEnumMemberName("flexible-worker")] FlexibleWorker,
    [JsonStringEnumMemberName("left-behind-child")] LeftBehindChild,
    [JsonStringEnumMemberName("near-dibao")] NearDibao,
    [JsonStringEnumMemberName("relapse-watch")] RelapseWatch,
    [JsonStringEnumMemberName("just-short-of-dibao")] JustShortOfDibao,
    [JsonStringEnumMemberName("unable-after-assistance")] UnableAfterAssistance,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>A person in difficulty was recorded as a lead to follow up (R1).</summary>
public sealed record LeadRaised(
    Guid LeadId,
    string County,
    ReporterRole ReporterRole,
    DiscoveryMethod Method,
    PriorityGroup PriorityGroup,
    DateTimeOffset FoundAt,
    DateTimeOffset FollowUpDeadline);

/// <summary>A lead passed its follow-up deadline without being converted or closed (R1).</summary>
public sealed record LeadOverdue(Guid LeadId, string County, DateTimeOffset FollowUpDeadline, DateTimeOffset DetectedAt);

/// <summary>A hotline call was recorded (R3, R18): when it came in and when it was first answered, for R21's answer times. No caller's data.</summary>
public sealed record HotlineCallRecorded(Guid TicketId, string County, DateTimeOffset ReceivedAt, DateTimeOffset? FirstAnsweredAt);
