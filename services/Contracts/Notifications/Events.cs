namespace ReliefPlatform.Contracts.Notifications;

/// <summary>A person was told about a step of their application (SMS or inbox).</summary>
public sealed record NotificationDelivered(
    Guid NotificationId,
    Guid? ApplicationId,
    string Channel,
    string EventType,
    DateTimeOffset DeliveredAt);
