namespace ReliefPlatform.Contracts.Payments;

/// <summary>
/// Payments the bank settled, as one reconciliation of its statement recorded them (up to thousands):
/// one message per statement chunk, never one per payment, so a campaign of a million payments (R12)
/// is a few hundred messages and its consumers work set-based.
/// </summary>
public sealed record PaymentsSettled(DateTimeOffset SettledAt, IReadOnlyList<PaymentSettled> Payments);

/// <summary>One payment the bank settled (an item of <see cref="PaymentsSettled"/>). The payee is named so that notification can tell the person (R11).</summary>
public sealed record PaymentSettled(
    Guid PaymentId,
    string EntitlementReference,
    Guid? ApplicationId,
    string County,
    decimal Amount,
    DateTimeOffset SettledAt,
    string PayeeIdNumber,
    string PayeeName,
    string Purpose);

/// <summary>The bank could not pay (or returned the money after settling); the payment can be reissued.</summary>
public sealed record PaymentFailed(
    Guid PaymentId,
    string EntitlementReference,
    Guid? ApplicationId,
    string County,
    decimal Amount,
    string ReasonZh,
    string ReasonEn,
    DateTimeOffset FailedAt,
    string PayeeIdNumber,
    string PayeeName,
    string Purpose);
