namespace ReliefPlatform.Contracts.Payments;

/// <summary>The bank settled a payment.</summary>
public sealed record PaymentSettled(
    Guid PaymentId,
    string EntitlementReference,
    Guid? ApplicationId,
    string County,
    decimal Amount,
    DateTimeOffset SettledAt);

/// <summary>The bank could not pay; the payment can be reissued.</summary>
public sealed record PaymentFailed(
    Guid PaymentId,
    string EntitlementReference,
    Guid? ApplicationId,
    string County,
    decimal Amount,
    string ReasonZh,
    string ReasonEn,
    DateTimeOffset FailedAt);
