namespace ReliefPlatform.Notification;

/// <summary>Settings of the notification service (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The language of SMS and inbox messages to persons (zh-CN by default; en is the other).</summary>
    public string DefaultLanguage { get; set; } = Templates.Languages.Chinese;

    /// <summary>The signature SMS providers in China require at the start of every message (【…】).</summary>
    public string SmsSignature { get; set; } = "上饶社会救助";

    /// <summary>Which SMS provider sends: <c>sandbox</c> records what would be sent (see README for a real provider).</summary>
    public string SmsProvider { get; set; } = "sandbox";

    /// <summary>How often the delivery worker looks for due SMS and webhook deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deliveries claimed at a time, and how many of them are sent at once.</summary>
    public int BatchSize { get; set; } = 50;

    public int Parallelism { get; set; } = 8;

    /// <summary>How long a claimed delivery is left to its sender before another worker may take it over (a crashed replica).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a delivery is dead-lettered (an operator can replay it).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles after each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long finished SMS and webhook deliveries (delivered or dead-lettered) and their attempts are kept (issue 23):
    /// 400 days, a year's questions about "was I told?" with room. A person's inbox messages are theirs and stay.
    /// </summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How often the retention is applied (hourly; tests shorten it).</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public WebhookOptions Webhooks { get; set; } = new();
}

public sealed class WebhookOptions
{
    /// <summary>
    /// Lets callback URLs point at loopback or private addresses. Off in production, where such a URL
    /// would let a subscriber make the platform call its own internal services (SSRF); on for local
    /// runs and tests, whose receivers listen on localhost.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long a receiver has to answer one delivery.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
