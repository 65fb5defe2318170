using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReliefPlatform.ServiceDefaults.Hosting;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>Retention of the transactional inbox (configuration section <c>Messaging:Inbox</c>, issue 23).</summary>
public sealed class InboxOptions
{
    public const string SectionName = "Messaging:Inbox";

    /// <summary>
    /// How long a handled message's row is kept to recognise a redelivery. Redeliveries come within minutes (a broker
    /// restart, a consumer's retry) and a dead letter is replayed within days; 30 days covers both with room.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Rows deleted per statement: short transactions, no long lock on a table consumers write to.</summary>
    public int BatchSize { get; set; } = 10_000;
}

/// <summary>
/// Keeps the inbox the size of its retention (issue 23: about 20 million payments a year would otherwise leave as
/// many inbox rows in each consuming service, forever). Deletes rows handled before the retention, oldest first,
/// a batch a statement along the <c>processed_at</c> index; one replica does it (leader-elected).
/// </summary>
public sealed class InboxPruner<TDbContext>(IServiceScopeFactory scopes, IOptions<InboxOptions> options, LeaderElection leader, TimeProvider clock, ILogger<InboxPruner<TDbContext>> logger)
    : PeriodicWorker(clock, logger, leader) where TDbContext : DbContext
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Activity => "Pruning the inbox";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var deleted = await PruneAsync(db, Clock.GetUtcNow() - options.Value.Retention, options.Value.BatchSize, stoppingToken);
        return deleted == options.Value.BatchSize;
    }

    /// <summary>One batch: the oldest rows handled before <paramref name="before"/>; the number deleted.</summary>
    public static Task<int> PruneAsync(DbContext db, DateTimeOffset before, int batchSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlAsync($"""
            DELETE FROM inbox_messages WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM inbox_messages WHERE processed_at < {before} ORDER BY processed_at LIMIT {batchSize}))
            """, ct);
    }
}
