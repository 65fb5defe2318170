using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.UnitTests.Messaging;

/// <summary>Issue 24: a health state is logged when it changes, once; a starting service's first not-ready probes are not.</summary>
public sealed class HealthTransitionsTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static HealthReport Report(HealthStatus broker, string description = "") => new(
        new Dictionary<string, HealthReportEntry>
        {
            ["broker"] = new(broker, description, TimeSpan.Zero, null, null),
            ["self"] = new(HealthStatus.Healthy, "", TimeSpan.Zero, null, null),
        },
        TimeSpan.Zero);

    [Fact]
    public async Task An_outage_is_one_error_and_one_recovery_and_a_start_is_silent()
    {
        var clock = new Clock(DateTimeOffset.UnixEpoch);
        var log = new RecordingLogger<HealthTransitions>();
        var transitions = new HealthTransitions(clock, log);

        await transitions.PublishAsync(Report(HealthStatus.Unhealthy, "not started"), default); // starting
        await transitions.PublishAsync(Report(HealthStatus.Healthy), default);
        Assert.Empty(log.Lines);

        clock.Now += TimeSpan.FromMinutes(10);
        for (var i = 0; i < 5; i++)
        {
            await transitions.PublishAsync(Report(HealthStatus.Unhealthy, "RabbitMQ does not answer within 3 s."), default);
        }

        await transitions.PublishAsync(Report(HealthStatus.Healthy), default);
        await transitions.PublishAsync(Report(HealthStatus.Healthy), default);

        Assert.Collection(log.Lines,
            line =>
            {
                Assert.Equal((LogLevel.Error, LogEvents.HealthUnhealthy), (line.Level, line.Id));
                Assert.Contains("RabbitMQ does not answer", line.Message, StringComparison.Ordinal);
            },
            line => Assert.Equal((LogLevel.Information, LogEvents.HealthRecovered), (line.Level, line.Id)));
    }

    [Fact]
    public async Task A_service_still_not_ready_after_the_grace_says_so()
    {
        var clock = new Clock(DateTimeOffset.UnixEpoch);
        var log = new RecordingLogger<HealthTransitions>();
        var transitions = new HealthTransitions(clock, log);

        await transitions.PublishAsync(Report(HealthStatus.Unhealthy, "database"), default);
        clock.Now += HealthTransitions.StartGrace + TimeSpan.FromSeconds(1);
        await transitions.PublishAsync(Report(HealthStatus.Unhealthy, "database"), default);

        Assert.Equal(LogEvents.HealthUnhealthy, Assert.Single(log.Lines).Id);
    }
}
