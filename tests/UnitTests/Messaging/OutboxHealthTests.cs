using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.UnitTests.Messaging;

/// <summary>Issue 24: a service whose announcements do not leave says so on the dashboard, with the figures.</summary>
public sealed class OutboxHealthTests
{
    private static HealthCheckResult Assess(long waiting, TimeSpan? age) => OutboxHealthCheck<DbContext>.Assess(waiting, age, TimeSpan.FromMinutes(2));

    [Fact]
    public void An_empty_or_moving_outbox_is_healthy()
    {
        Assert.Equal(HealthStatus.Healthy, Assess(0, null).Status);
        Assert.Equal(HealthStatus.Healthy, Assess(5_000, TimeSpan.FromSeconds(30)).Status);
    }

    [Fact]
    public void A_message_waiting_longer_than_the_setting_degrades_health_with_the_count_and_age_in_the_description()
    {
        var result = Assess(1_234, TimeSpan.FromMinutes(7.5));
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("1234 messages", result.Description, StringComparison.Ordinal);
        Assert.Contains("7.5 min", result.Description, StringComparison.Ordinal);
        Assert.Equal(1_234L, result.Data["waiting"]);
    }

    [Fact]
    public void The_backlog_a_check_read_is_on_the_dashboard_as_two_gauges()
    {
        MessagingTelemetry.RecordOutboxBacklog(42, 95.5);
        var seen = new Dictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MessagingTelemetry.MeterName && instrument.Name.StartsWith("reliefplatform.outbox.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(42, seen["reliefplatform.outbox.waiting"]);
        Assert.Equal(95.5, seen["reliefplatform.outbox.oldest_age"]);
    }
}
