namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// A message a consumer has handled: a row of the transactional inbox (table <c>inbox_messages</c>;
/// not to be confused with a person's in-app messages, notification's <c>InboxMessage</c>). Its key
/// (message id, consumer) makes a redelivered message a no-op; it commits in the same transaction as
/// the consumer's state change.
/// </summary>
[Audit.NotAudited]
public sealed class ProcessedMessage
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}
