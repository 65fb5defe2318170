namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// A message a consumer has handled. Its key (message id, consumer) makes a redelivered message a
/// no-op; it commits in the same transaction as the consumer's state change.
/// </summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}
