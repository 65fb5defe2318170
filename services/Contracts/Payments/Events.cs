namespace ReliefPlatform.Contracts.Payments;

/// <summary>The bank settled a payment. The payee is named so that notification can tell the person (R11).</summary>
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
