using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReliefPlatform.AppHost.Infrastructure;

namespace ReliefPlatform.UnitTests.Infrastructure;

/// <summary>
/// Issue 22, target 4: until a resource is first healthy, its check looks again at short steps instead of answering
/// "unhealthy" into Aspire's growing pauses (up to 5 s); afterwards it answers at once.
/// </summary>
public sealed class WatchfulHealthCheckTests
{
    private sealed class Scripted(params HealthStatus[] answers) : IHealthCheck
    {
        public int Asked { get; private set; }

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = answers[Math.Min(Asked, answers.Length - 1)];
            Asked++;
            return Task.FromResult(new HealthCheckResult(status));
        }
    }

    [Fact]
    public async Task A_starting_resource_is_seen_healthy_in_the_same_call_once_it_is()
    {
        var inner = new Scripted(HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Healthy);
        var check = new WatchfulHealthCheck(inner, TimeSpan.FromMilliseconds(1));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(3, inner.Asked);
    }

    [Fact]
    public async Task Once_healthy_an_outage_is_answered_at_once()
    {
        var inner = new Scripted(HealthStatus.Healthy, HealthStatus.Unhealthy);
        var check = new WatchfulHealthCheck(inner, TimeSpan.FromSeconds(10));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        var outage = await check.CheckHealthAsync(new HealthCheckContext()).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HealthStatus.Unhealthy, outage.Status);
        Assert.Equal(2, inner.Asked);
    }
}
