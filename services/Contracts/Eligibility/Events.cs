using System.Text.Json.Serialization;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Contracts.Eligibility;

[JsonConverter(typeof(JsonStringEnumConverter<AssessmentOutcome>))]
public enum AssessmentOutcome
{
    [JsonStringEnumMemberName("eligible")] Eligible,
    [JsonStringEnumMemberName("not-eligible")] NotEligible,
}

/// <summary>One step of an assessment's rule trace, with its figures, for caseworkers and auditors (R20).</summary>
public sealed record RuleTraceStep(string RuleId, string TextZh, string TextEn);

/// <summary>A county that may pay a temporary grant, with its urban dibao standard in force (R4: work or residence; R5: hukou or residence; emergencies: residence, R8).</summary>
public sealed record PayingCountyOption(string County, decimal UrbanStandard);

/// <summary>What relief needs to set a temporary grant: who, where it may be paid from, and the multiplier range in force.</summary>
public sealed record TemporaryGrantBasis(
    string PersonIdNumber,
    string PersonName,
    bool Urgent,
    IReadOnlyList<PayingCountyOption> PayingCounties,
    decimal MultiplierMin,
    decimal MultiplierMax,
    string? ResidenceTownship = null);

/// <summary>
/// Eligibility assessed an application (R6 and the scheme's rule). A not-eligible outcome is also the
/// decision, with its reason; an eligible temporary-assistance outcome carries the grant basis and
/// goes on to relief.
/// </summary>
public sealed record EligibilityAssessed(
    Guid ApplicationId,
    Guid AssessmentId,
    DateTimeOffset AssessedAt,
    Scheme Scheme,
    TemporaryAssistanceKind? TemporaryAssistanceKind,
    AssessmentOutcome Outcome,
    string Category,
    decimal? MonthlyAmount,
    string ReasonZh,
    string ReasonEn,
    IReadOnlyList<RuleTraceStep> Trace,
    TemporaryGrantBasis? GrantBasis = null);

/// <summary>A match of department data that signals hardship (R2): intake turns it into a lead to follow up.</summary>
public sealed record HardshipWarningRaised(
    Guid WarningId,
    string IdNumber,
    string Name,
    string County,
    string Department,
    string SignalZh,
    string SignalEn,
    PriorityGroup PriorityGroup,
    DateTimeOffset RaisedAt);

/// <summary>A household or person was enrolled on the roster (dibao, tekun, near-dibao…), with its monthly amount.</summary>
public sealed record RecipientEnrolled(
    Guid RecipientId,
    Guid? ApplicationId,
    string Category,
    string HeadIdNumber,
    string HeadName,
    string County,
    decimal MonthlyAmount,
    DateOnly StartDate,
    IReadOnlyList<string> MemberIdNumbers,
    string? Township = null,
    string? Village = null);

/// <summary>
/// A roster recipient's monthly payment (R11), for payments to instruct. The entitlement reference
/// (category:recipient:yyyy-MM) is unique: payments never pays one twice. The persons and the
/// per-person standard in force that month are what the price subsidy (R15) is computed from.
/// </summary>
public sealed record MonthlyEntitlementIssued(
    string EntitlementReference,
    Guid RecipientId,
    string Category,
    string PayeeIdNumber,
    string PayeeName,
    string County,
    DateOnly Month,
    decimal Amount,
    DateTimeOffset IssuedAt,
    int Persons = 1,
    decimal? PerPersonStandard = null);

/// <summary>A recipient left the roster (R7 after its gradual exit, or a reassessment).</summary>
public sealed record RecipientExited(Guid RecipientId, string Category, string County, DateOnly ExitDate, string Reason);

/// <summary>
/// A step of a dibao or tekun application's procedure (R3, R20): verified, investigated, under public
/// disclosure, objection lodged or resolved, review requested. Intake writes it on the timeline; the
/// decision itself comes as <see cref="EligibilityAssessed"/>.
/// </summary>
public sealed record ProcedureStepRecorded(Guid ApplicationId, Guid DeterminationId, string Step, DateTimeOffset OccurredAt, string TextZh, string TextEn);

/// <summary>
/// A difference owed to a recipient for a month already paid (R11: a standard raised for a past month,
/// a corrected decision). Its reference (category:recipient:yyyy-MM:cause) is unique; payments pays it
/// once. A difference the other way becomes a recovery record in eligibility, never a negative payment.
/// </summary>
public sealed record BenefitAdjustmentIssued(
    string EntitlementReference,
    Guid RecipientId,
    string Category,
    string PayeeIdNumber,
    string PayeeName,
    string County,
    DateOnly Month,
    decimal Amount,
    string ReasonZh,
    string ReasonEn,
    DateTimeOffset IssuedAt);

/// <summary>
/// A department reported people deceased (public security's household-registration cancellations): payments
/// holds what it has not sent to the bank for them and opens a review (issue 18), never paying a dead payee.
/// One message per feed batch, however many people it names.
/// </summary>
public sealed record PersonsReportedDeceased(Guid BatchId, string Department, DateTimeOffset ReportedAt, IReadOnlyList<string> IdNumbers);

/// <summary>A department reported people serving a prison sentence (public security): oversight looks for them on the rosters (R20).</summary>
public sealed record PersonsReportedImprisoned(Guid BatchId, string Department, DateTimeOffset ReportedAt, IReadOnlyList<string> IdNumbers);

/// <summary>
/// A department's feed showed roster households with assets above what dibao and tekun allow (a vehicle at or
/// above the dated threshold, a business, more than one property, deposits above the limit): oversight's
/// flags (R20). Identity numbers travel for the rule to name the person; lists mask them.
/// </summary>
public sealed record RosterAssetsReported(Guid BatchId, string Department, DateTimeOffset ReportedAt, IReadOnlyList<RosterAssetExcess> Items);

/// <summary>One asset above the limit of one roster household: <paramref name="Kind"/> vehicle, business, properties or deposits.</summary>
public sealed record RosterAssetExcess(Guid RecipientId, string County, string Category, string Kind, string? IdNumber, decimal? Amount, decimal? Limit, int? Count);
