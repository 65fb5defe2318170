using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.ServiceDefaults.Hosting;

namespace ReliefPlatform.Notification.Deliveries;

/// <summary>
/// Keeps the delivery log the size of its retention (issue 23): finished SMS and webhook deliveries older than
/// <see cref="NotificationOptions.DeliveryRetention"/> go, with their attempts (cascade), oldest first, a batch a
/// statement along their own small index. Deliveries still to send, and a person's inbox messages, stay. One
/// replica does it (leader-elected). The notices a redelivered event could repeat are long past: the inbox
/// recognises redeliveries for 30 days, the log is kept 400.
/// </summary>
public sealed class DeliveryPruner(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, LeaderElection leader, TimeProvider clock, ILogger<DeliveryPruner> logger)
    : PeriodicWorker(clock, logger, leader)
{
    public const int BatchSize = 5_000;

    protected override TimeSpan Interval => options.Value.PruneInterval;

    protected override string Activity => "Pruning the delivery log";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var before = Clock.GetUtcNow() - options.Value.DeliveryRetention;
        var deleted = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM deliveries WHERE key = ANY(ARRAY(
                SELECT key FROM deliveries
                WHERE channel <> 'Inbox' AND status IN ('Delivered', 'DeadLettered') AND created_at < {before}
                ORDER BY created_at LIMIT {BatchSize}))
            """, stoppingToken);
        if (deleted > 0)
        {
            Logger.LogInformation("Pruned {Deleted} deliveries finished before {Before}", deleted, before);
        }

        return deleted == BatchSize;
    }
}
