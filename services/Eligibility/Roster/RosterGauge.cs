using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Eligibility.Roster;

/// <summary>Refreshes the roster-size gauge from the database every half minute (one grouped count).</summary>
public sealed class RosterGauge(IServiceScopeFactory scopes, EligibilityMetrics metrics, ILogger<RosterGauge> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EligibilityDbContext>();
                var counts = await db.Recipients.GroupBy(r => new { r.Category, r.Status })
                    .Select(g => new { g.Key.Category, g.Key.Status, Count = g.LongCount() })
                    .ToListAsync(stoppingToken);
                metrics.Roster(counts.Select(c => (WireName.Of(c.Category), WireName.Of(c.Status), c.Count)).ToList());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Counting the roster for the dashboard failed");
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
