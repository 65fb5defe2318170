using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Eligibility.Roster;

/// <summary>Refreshes the roster-size gauge from the database every half minute (one grouped count).</summary>
public sealed class RosterGauge(IServiceScopeFactory scopes, EligibilityMetrics metrics, TimeProvider clock, ILogger<RosterGauge> logger)
    : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override string Activity => "Counting the roster for the dashboard";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EligibilityDbContext>();
        var counts = await db.Recipients.GroupBy(r => new { r.Category, r.Status })
            .Select(g => new { g.Key.Category, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(stoppingToken);
        metrics.Roster(counts.Select(c => (WireName.Of(c.Category), WireName.Of(c.Status), c.Count)).ToList());
        return false;
    }
}
