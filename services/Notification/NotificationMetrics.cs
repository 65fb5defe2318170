using System.Diagnostics.Metrics;
using ReliefPlatform.Notification.Deliveries;

namespace ReliefPlatform.Notification;

/// <summary>Deliveries by channel and result, retries, dead letters and latency, on the dashboard.</summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "ReliefPlatform.Notification";

    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _latency;

    public NotificationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _deliveries = meter.CreateCounter<long>("relief.notifications.deliveries", "{attempt}", "Delivery attempts by channel and result");
        _retries = meter.CreateCounter<long>("relief.notifications.retries", "{delivery}", "Failed attempts that will be retried");
        _deadLetters = meter.CreateCounter<long>("relief.notifications.dead_letters", "{delivery}", "Deliveries dead-lettered after their last attempt");
        _latency = meter.CreateHistogram<double>("relief.notifications.delivery.duration", "ms", "Time to hand a notification to its channel");
    }

    public void Delivered(DeliveryChannel channel, double latencyMs)
    {
        var tag = Tag(channel);
        _deliveries.Add(1, tag, new("result", "delivered"));
        _latency.Record(latencyMs, tag);
    }

    /// <param name="subscriber">A webhook's subscription name (issue 24: failures per subscriber, so an operator sees whose system does not answer).</param>
    public void Failed(DeliveryChannel channel, double latencyMs, bool retrying, string? subscriber = null)
    {
        var tag = Tag(channel);
        var who = new KeyValuePair<string, object?>("subscriber", subscriber ?? "-");
        _deliveries.Add(1, tag, new("result", "failed"), who);
        _latency.Record(latencyMs, tag);
        if (retrying)
        {
            _retries.Add(1, tag, who);
        }
        else
        {
            _deadLetters.Add(1, tag, who);
        }
    }

    private static KeyValuePair<string, object?> Tag(DeliveryChannel channel) =>
        new("channel", ServiceDefaults.Http.WireName.Of(channel));
}
