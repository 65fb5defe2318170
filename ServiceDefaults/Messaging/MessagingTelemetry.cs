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
}
