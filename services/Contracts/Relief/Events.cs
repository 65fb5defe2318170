namespace ReliefPlatform.Contracts.Relief;

/// <summary>A payable amount of a grant (one per stage), for payments to instruct (R4 R5 R8 R9 R10 R13 R14).</summary>
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
    DateTimeOffset ApprovedAt);
