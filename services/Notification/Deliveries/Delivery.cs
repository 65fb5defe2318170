using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Data;

namespace ReliefPlatform.Notification.Deliveries;

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryChannel>))]
public enum DeliveryChannel
{
    [JsonStringEnumMemberName("sms")] Sms,
    [JsonStringEnumMemberName("inbox")] Inbox,
    [JsonStringEnumMemberName("webhook")] Webhook,
}

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("retrying")] Retrying,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("dead-lettered")] DeadLettered,
}

/// <summary>The outcome of one attempt to hand a delivery to its channel.</summary>
/// <param name="Permanent">Trying again cannot help (a deleted subscription, a receiver answering 410 Gone): dead-letter at once.</param>
public sealed record SendResult(bool Succeeded, int? StatusCode = null, string? Error = null, bool Permanent = false)
{
    public static SendResult Success(int? statusCode = null) => new(true, statusCode);
}

/// <summary>
/// One notice to one recipient on one channel: an SMS to a person, a message in a person's in-app
/// inbox, or a webhook call to a subscribed provincial system. (event key, channel, recipient) is
/// unique, so a re-delivered or re-published event never notifies anyone twice.
/// </summary>
/// <remarks>
/// Its history is the delivery log (<see cref="DeliveryAttempt"/>, kept with it for
/// <see cref="NotificationOptions.DeliveryRetention"/>): every attempt's result, and an operator's replay with who and
/// why. The worker's status changes are not copied into the audit trail as well (issue 22: an audit row per SMS sent
/// was 2.6 of an urgent application's ~96 statements, and a campaign's notices the same a million times); what a person
/// does to a delivery — an operator's replay, an inbox message marked read — is recorded there by its endpoint
/// (<see cref="AuditTrail.Record"/>).
/// </remarks>
[NotAudited]
public sealed class Delivery
{
    public long Key { get; set; }
    public Guid DeliveryId { get; set; }

    /// <summary>The business identity of what happened (e.g. <c>payment.settled:{paymentId}</c>), not the message id.</summary>
    public string EventKey { get; set; } = "";
    public string EventType { get; set; } = "";
    public DeliveryChannel Channel { get; set; }

    /// <summary>The person's ID number (SMS, inbox) or the subscription id (webhook).</summary>
    public string RecipientKey { get; set; } = "";
    public Guid? SubscriptionId { get; set; }
    public string? Phone { get; set; }
    public Guid? ApplicationId { get; set; }
    public string County { get; set; } = "";
    public string Language { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>The text (SMS, inbox) or the JSON payload (webhook) exactly as sent, so that a replay sends the same.</summary>
    public string Body { get; set; } = "";

    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>A worker's claim on the delivery while it sends; bookkeeping, not a change.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The longest error text kept (the column's length).</summary>
    public const int MaxErrorLength = 500;

    public static string ClipError(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
    }

    public bool IsPersonal => Channel is DeliveryChannel.Sms or DeliveryChannel.Inbox;

    /// <summary>
    /// Applies an attempt's result: delivered; or retried after the schedule's delay; or dead-lettered
    /// after the last allowed attempt or a permanent failure. Returns the status it moved to.
    /// </summary>
    public DeliveryStatus RecordAttempt(SendResult result, DateTimeOffset now, RetrySchedule schedule, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(schedule);
        Attempts++;
        LeaseUntil = null;
        if (Status is DeliveryStatus.Delivered)
        {
            return Status; // a late answer to an attempt taken over by another worker changes nothing
        }

        if (result.Succeeded)
        {
            Status = DeliveryStatus.Delivered;
            DeliveredAt = now;
            LastError = null;
            return Status;
        }

        LastError = ClipError(result.Error ?? (result.StatusCode is { } code ? $"HTTP {code}" : "failed"));
        if (result.Permanent || Attempts >= maxAttempts)
        {
            Status = DeliveryStatus.DeadLettered;
            return Status;
        }

        Status = DeliveryStatus.Retrying;
        NextAttemptAt = now + schedule.DelayAfter(Attempts);
        return Status;
    }

    /// <summary>An operator sends a dead-lettered delivery again: a fresh round of attempts, its history kept.</summary>
    public bool Replay(DateTimeOffset now)
    {
        if (Status is not DeliveryStatus.DeadLettered)
        {
            return false;
        }

        Status = DeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        LeaseUntil = null;
        return true;
    }

    public static void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.ToTable("deliveries");
        delivery.HasRowVersion();
        delivery.HasKey(d => d.Key);
        delivery.HasAlternateKey(d => d.DeliveryId);
        delivery.Property(d => d.EventKey).HasMaxLength(120);
        delivery.Property(d => d.EventType).HasMaxLength(40);
        delivery.Property(d => d.Channel).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.RecipientKey).HasMaxLength(40);
        delivery.Property(d => d.Phone).HasMaxLength(20);
        delivery.Property(d => d.County).HasMaxLength(16);
        delivery.Property(d => d.Language).HasMaxLength(8);
        delivery.Property(d => d.Title).HasMaxLength(100);
        delivery.Property(d => d.LastError).HasMaxLength(MaxErrorLength);
        delivery.Ignore(d => d.IsPersonal);
        delivery.HasIndex(d => new { d.EventKey, d.Channel, d.RecipientKey }).IsUnique();
        // The worker's queue: only deliveries still to send are indexed.
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status IN ('Pending', 'Retrying')");
        // A person's inbox, newest first.
        delivery.HasIndex(d => new { d.RecipientKey, d.CreatedAt }).HasFilter("channel = 'Inbox'");
        // What operators filter on: deliveries not (yet) delivered, and a subscription's calls. A campaign's
        // million inbox messages are delivered and belong to no subscription, so they stay out of both.
        delivery.HasIndex(d => new { d.Status, d.Channel }).HasFilter("status <> 'Delivered'");
        delivery.HasIndex(d => d.SubscriptionId).HasFilter("subscription_id IS NOT NULL");
        // Retention (issue 23): finished SMS and webhook deliveries by age; inbox messages never enter it.
        delivery.HasIndex(d => d.CreatedAt).HasDatabaseName(RetentionIndex).HasFilter("channel <> 'Inbox' AND status IN ('Delivered', 'DeadLettered')");
    }

    public const string RetentionIndex = "ix_deliveries_retention";
}

/// <summary>One try to deliver, with its result: the delivery log operators and auditors read (a trail itself, not copied into the audit trail).</summary>
[NotAudited]
public sealed class DeliveryAttempt
{
    public long Key { get; set; }
    public long DeliveryKey { get; set; }
    public int Number { get; set; }
    public DateTimeOffset At { get; set; }
    public bool Succeeded { get; set; }
    public int? StatusCode { get; set; }
    public double LatencyMs { get; set; }
    public string? Error { get; set; }

    public static void Configure(EntityTypeBuilder<DeliveryAttempt> attempt)
    {
        attempt.ToTable("delivery_attempts");
        // Issue 23: partitioned by month of the attempt (MonthlyPartitions), so the key carries it.
        attempt.HasKey(a => new { a.Key, a.At });
        attempt.Property(a => a.Key).UseIdentityByDefaultColumn();
        attempt.Property(a => a.Error).HasMaxLength(Delivery.MaxErrorLength);
        attempt.HasIndex(a => new { a.DeliveryKey, a.Number });
        attempt.HasOne<Delivery>().WithMany().HasForeignKey(a => a.DeliveryKey);
    }
}

/// <summary>When to try again: the first delay doubling after each failure, capped, with a little jitter so that many deliveries to one recovering receiver do not all return at once.</summary>
public sealed class RetrySchedule(TimeSpan firstDelay, TimeSpan maxDelay, Func<double>? jitter = null)
{
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;

    public TimeSpan DelayAfter(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var baseDelay = Math.Min(firstDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        // Up to 10 % either way, never above the cap.
        var jittered = baseDelay * (0.9 + (0.2 * _jitter()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, maxDelay.TotalMilliseconds));
    }
}
