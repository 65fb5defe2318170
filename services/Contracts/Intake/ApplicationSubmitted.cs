using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Contracts.Intake;

/// <summary>
/// An application was accepted by intake (R3). Carries everything eligibility and relief need, so
/// that they never call back: the household with incomes and facts, the counties, the scheme.
/// </summary>
public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    DateTimeOffset SubmittedAt,
    Channel Channel,
    Scheme Scheme,
    TemporaryAssistanceKind? TemporaryAssistanceKind,
    string ApplicantIdNumber,
    string ApplicantName,
    string? ApplicantPhone,
    string HukouCounty,
    string ResidenceCounty,
    AreaType AreaType,
    IReadOnlyList<HouseholdMember> Members,
    Circumstances Circumstances,
    VerificationAuthorization Authorization,
    Guid? LeadId,
    string? ResidenceTownship = null,
    string? ResidenceVillage = null);
