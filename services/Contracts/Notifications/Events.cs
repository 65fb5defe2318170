namespace ReliefPlatform.Contracts.Notifications;

/// <summary>
/// What a notification is about, as it appears on the wire (webhook <c>type</c>, delivery log, templates).
/// </summary>
public static class NotificationEventTypes
{
    public const string ApplicationReceived = "application.received";
    public const string ApplicationApproved = "application.approved";
    public const string ApplicationRefused = "application.refused";
    public const string GrantApproved = "grant.approved";
    public const string PaymentSettled = "payment.settled";
    public const string PaymentFailed = "payment.failed";
    public const string LeadOverdue = "lead.overdue";
    public const string ReviewOverdue = "review.overdue";
    public const string HardshipWarning = "hardship.warning";
    public const string LeadRaised = "lead.raised";
    public const string RecipientEnrolled = "recipient.enrolled";
    public const string RecipientExited = "recipient.exited";

    public static readonly IReadOnlyList<string> All =
    [
        ApplicationReceived, ApplicationApproved, ApplicationRefused, GrantApproved, PaymentSettled, PaymentFailed,
        LeadOverdue, ReviewOverdue, HardshipWarning, LeadRaised, RecipientEnrolled, RecipientExited,
    ];

    /// <summary>The events a person is told about (SMS and in-app inbox); the others go to provincial systems only.</summary>
    public static readonly IReadOnlyList<string> ToPersons =
    [
        ApplicationReceived, ApplicationApproved, ApplicationRefused, GrantApproved, PaymentSettled, PaymentFailed,
    ];
}

/// <summary>
/// A person was told about a step of their application (SMS or in-app inbox). Travels inside
/// <see cref="NotificationsDelivered"/>; intake still reads it alone for messages published before that.
/// </summary>
public sealed record NotificationDelivered(
    Guid NotificationId,
    Guid? ApplicationId,
    string Channel,
    string EventType,
    DateTimeOffset DeliveredAt);

/// <summary>
/// The notices one of notification's transactions delivered to applicants (a round of SMS sent, the inbox messages of a
/// batch of events), announced together for intake's timelines: issue 22, where one message per notice was nearly
/// half of the messages an urgent application caused.
/// </summary>
public sealed record NotificationsDelivered(IReadOnlyList<NotificationDelivered> Notices);
