using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>Traces and metrics of the outbox and inbox, shown on the Aspire dashboard.</summary>
public static class MessagingTelemetry
{
    public const string ActivitySourceName = "ReliefPlatform.Messaging";
    public const string MeterName = "ReliefPlatform.Messaging";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> OutboxRelayed =
        Meter.CreateCounter<long>("reliefplatform.outbox.relayed", "{message}", "Outbox messages confirmed by the broker.");
    public static readonly Counter<long> OutboxRelayFailures =
        Meter.CreateCounter<long>("reliefplatform.outbox.relay_failures", "{message}", "Outbox messages the broker did not confirm; they are retried.");
    public static readonly Counter<long> InboxDuplicates =
        Meter.CreateCounter<long>("reliefplatform.inbox.duplicates", "{message}", "Redelivered messages the inbox recognised and skipped.");

    // The outbox's backlog as the last readiness check read it (every few seconds wherever /health is probed:
    // the AppHost, Kubernetes): one query serves the health state and the dashboard's figures (issue 24).
    private static long _outboxWaiting;
    private static double _outboxOldestSeconds;

    public static void RecordOutboxBacklog(long waiting, double oldestSeconds)
    {
        Interlocked.Exchange(ref _outboxWaiting, waiting);
        Interlocked.Exchange(ref _outboxOldestSeconds, oldestSeconds);
    }

    public static readonly ObservableGauge<long> OutboxWaiting =
        Meter.CreateObservableGauge("reliefplatform.outbox.waiting", () => Interlocked.Read(ref _outboxWaiting), "{message}",
            "Messages in the outbox not yet confirmed by the broker.");

    public static readonly ObservableGauge<double> OutboxOldestAge =
        Meter.CreateObservableGauge("reliefplatform.outbox.oldest_age", () => Volatile.Read(ref _outboxOldestSeconds), "s",
            "How long the oldest message has waited in the outbox.");
}
