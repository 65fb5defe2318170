using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Eligibility.Roster;

/// <summary>
/// Refreshes eligibility's dashboard gauges from the database every half minute, one grouped count each: the
/// roster's size, and the open and overdue work items per county and step (issue 24: late work, where it is).
/// </summary>
public sealed class RosterGauge(IServiceScopeFactory scopes, EligibilityMetrics metrics, LeaderElection leader, TimeProvider clock, ILogger<RosterGauge> logger)
    : PeriodicWorker(clock, logger, leader)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override string Activity => "Counting the roster and the work queues for the dashboard";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EligibilityDbContext>();
        var counts = await db.Recipients.GroupBy(r => new { r.Category, r.Status })
            .Select(g => new { g.Key.Category, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(stoppingToken);
        metrics.Roster(counts.Select(c => (WireName.Of(c.Category), WireName.Of(c.Status), c.Count)).ToList());

        var today = ChinaTime.Today(Clock);
        var work = await db.Set<Determinations.WorkItem>().Where(w => w.DoneAt == null).GroupBy(w => new { w.County, w.Kind })
            .Select(g => new { g.Key.County, g.Key.Kind, Open = g.LongCount(), Overdue = g.LongCount(w => w.DueOn < today) })
            .ToListAsync(stoppingToken);
        metrics.WorkItems(work.Select(w => (w.County, WireName.Of(w.Kind), w.Open, w.Overdue)).ToList());
        return false;
    }
}
