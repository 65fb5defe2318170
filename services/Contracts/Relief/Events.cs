namespace ReliefPlatform.Contracts.Relief;

/// <summary>
/// A payable amount of a grant (one per stage), for payments to instruct (R4 R5 R8 R9 R10 R13 R14).
/// The grant's decision comes along for oversight (R18 R20): the township, who approved it, the amount
/// granted in all, the top of the policy range and whether it was a case-by-case decision.
/// </summary>
public sealed record GrantApproved(
    Guid GrantId,
    Guid CaseId,
    Guid? ApplicationId,
    string EntitlementReference,
    string PayeeIdNumber,
    string PayeeName,
    string County,
    string Purpose,
    decimal Amount,
    DateTimeOffset ApprovedAt,
    string? Township = null,
    string? ApprovedById = null,
    string? ApprovedBy = null,
    decimal? GrantedAmount = null,
    decimal? RangeMaximum = null,
    bool CaseByCase = false);

/// <summary>One payment of a one-time campaign (R12 one-time living subsidy, R15 price subsidy).</summary>
public sealed record CampaignPaymentLine(string EntitlementReference, Guid RecipientId, string PayeeIdNumber, string PayeeName, string County, decimal Amount);

/// <summary>
/// A batch of a campaign's payments, for payments to instruct in bulk: a campaign of a million
/// recipients is a few hundred messages, not a million. (campaign, batch) is unique.
/// </summary>
public sealed record CampaignPaymentBatch(Guid CampaignId, string Kind, string Purpose, int BatchNumber, IReadOnlyList<CampaignPaymentLine> Lines, DateTimeOffset IssuedAt);

/// <summary>
/// An assist-first payment (R8) was not reviewed by its deadline: the county must review it now.
/// Announced once per case.
/// </summary>
public sealed record AssistFirstReviewOverdue(
    Guid CaseId,
    Guid ApplicationId,
    string County,
    decimal AssistFirstAmount,
    DateTimeOffset ReviewDeadline,
    DateTimeOffset DetectedAt);

/// <summary>
/// A provider's invoice for purchased services (R16), reconciled against the deliveries the recipients
/// confirmed and approved: payments pays the payable amount to the provider (purpose <c>services</c>),
/// once per reference. The payee is an organisation or a person under contract, named by its unified
/// social credit code (or identity number).
/// </summary>
public sealed record ProviderInvoiceApproved(
    Guid InvoiceId,
    string Reference,
    string ProviderCode,
    string ProviderName,
    string County,
    decimal Amount,
    DateOnly Month,
    DateTimeOffset ApprovedAt);
