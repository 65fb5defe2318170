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
    string Purpose,
    DateOnly? DueDate = null);

/// <summary>The bank could not pay (or, <paramref name="Returned"/>, sent the money back after settling); the payment can be reissued.</summary>
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
    string Purpose,
    bool Returned = false);

/// <summary>
/// The bank could not pay a payee's account (closed, wrong, not the holder's) or sent the money back: the
/// household's account needs correction, the township is told (a work item), and the payee's payments
/// wait until a corrected account is confirmed (issue 18).
/// </summary>
public sealed record PayeeAccountNeedsCorrection(string PayeeIdNumber, string PayeeName, string County, string ReasonZh, string ReasonEn, DateTimeOffset At);

/// <summary>A corrected account of a payee was confirmed by a second person; the payments that failed are reissued.</summary>
public sealed record PayeeAccountCorrected(string PayeeIdNumber, string County, int PaymentsReissued, DateTimeOffset At);

/// <summary>
/// A payee's account took effect, confirmed by a second person (issue 18): the first one, or a change
/// (<paramref name="Replaced"/>). The account travels only as its keyed hash, for oversight to find one
/// account on unrelated households and payments made just after a change (R20).
/// </summary>
public sealed record PayeeAccountChanged(string PayeeIdNumber, string County, string AccountHash, bool Replaced, DateTimeOffset ChangedAt);
