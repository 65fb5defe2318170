using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.ServiceDefaults.Diagnostics;

/// <summary>
/// Logs each change of a health check's state once (issue 24): Unhealthy as an error, Degraded as a warning, and
/// the return to Healthy as information — instead of ASP.NET Core's error line at every failing probe, which during
/// an outage wrote one per probe every few seconds, and at every start one per probe before the bus had started.
/// Nothing is logged while the service starts, until its checks have first been healthy or the grace has passed.
/// </summary>
public sealed class HealthTransitions(TimeProvider clock, ILogger<HealthTransitions> logger) : IHealthCheckPublisher
{
    /// <summary>How long a starting service may report not ready without it being logged.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(1);

    private readonly DateTimeOffset _started = clock.GetUtcNow();
    private readonly Dictionary<string, HealthStatus> _last = new(StringComparer.Ordinal);
    private bool _settled;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_last)
        {
            if (!_settled)
            {
                if (report.Status != HealthStatus.Healthy && clock.GetUtcNow() - _started < StartGrace)
                {
                    return Task.CompletedTask;
                }

                _settled = true;
            }

            foreach (var (name, entry) in report.Entries)
            {
                var previous = _last.TryGetValue(name, out var status) ? status : HealthStatus.Healthy;
                _last[name] = entry.Status;
                if (entry.Status == previous)
                {
                    continue;
                }

                switch (entry.Status)
                {
                    case HealthStatus.Unhealthy:
                        logger.LogError(LogEvents.HealthUnhealthy, entry.Exception, "Health check {Check} is Unhealthy: {Description}", name, entry.Description);
                        break;
                    case HealthStatus.Degraded:
                        logger.LogWarning(LogEvents.HealthDegraded, "Health check {Check} is Degraded: {Description}", name, entry.Description);
                        break;
                    default:
                        logger.LogInformation(LogEvents.HealthRecovered, "Health check {Check} is Healthy again (was {Previous})", name, previous);
                        break;
                }
            }
        }

        return Task.CompletedTask;
    }
}
