using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Intake.Applications;

public sealed record ApplicationAccepted(Guid ApplicationId, ApplicationStatus Status, DateTimeOffset SubmittedAt, string TrackingCode);

/// <summary>What anyone holding the tracking code reads: where the application stands, step by step; nobody's personal data.</summary>
public sealed record ApplicationProgress(string TrackingCode, Scheme Scheme, ApplicationStatus Status, Decision? Decision, DateTimeOffset SubmittedAt, IReadOnlyList<TimelineView> Timeline);

public sealed record TimelineView(ApplicationStatus Stage, DateTimeOffset OccurredAt, string DetailZh, string DetailEn);

public sealed record ApplicantView(string IdNumber, string Name, string? Phone);

/// <summary>One application in full, for the caseworker handling it.</summary>
public sealed record ApplicationView(
    Guid ApplicationId,
    ApplicationStatus Status,
    Decision? Decision,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    Channel Channel,
    Scheme Scheme,
    TemporaryAssistanceKind? TemporaryAssistanceKind,
    ApplicantView Applicant,
    string HukouCounty,
    string ResidenceCounty,
    AreaType AreaType,
    IReadOnlyList<HouseholdMember> Members,
    Circumstances Circumstances,
    VerificationAuthorization Authorization,
    Guid? LeadId,
    IReadOnlyList<TimelineView> Timeline,
    string? ResidenceTownship,
    string? ResidenceVillage)
{
    public static ApplicationView From(Application a) => new(
        a.ApplicationId, a.Status, a.Decision, a.SubmittedAt, a.UpdatedAt, a.Channel, a.Scheme, a.TemporaryAssistanceKind,
        new ApplicantView(a.ApplicantIdNumber, a.ApplicantName, a.ApplicantPhone),
        a.HukouCounty, a.ResidenceCounty, a.AreaType, a.Members, a.Circumstances, a.Authorization, a.LeadId,
        a.Timeline.OrderBy(t => t.OccurredAt).ThenBy(t => t.Stage).ThenBy(t => t.Key)
            .Select(t => new TimelineView(t.Stage, t.OccurredAt, t.DetailZh, t.DetailEn)).ToList(),
        a.ResidenceTownship, a.ResidenceVillage);
}

/// <summary>An application in a list: identity and phone numbers masked.</summary>
public sealed record ApplicationSummary(
    Guid ApplicationId,
    ApplicationStatus Status,
    Decision? Decision,
    Scheme Scheme,
    TemporaryAssistanceKind? TemporaryAssistanceKind,
    Channel Channel,
    string ResidenceCounty,
    string HukouCounty,
    string ApplicantName,
    string ApplicantIdNumber,
    string? ApplicantPhone,
    int MemberCount,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt);

