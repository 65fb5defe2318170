using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Hosting;

namespace ReliefPlatform.ServiceDefaults.Data;

/// <summary>Partitions made ahead of time (configuration section <c>Database:Partitions</c>, issue 23).</summary>
public sealed class PartitionOptions
{
    public const string SectionName = "Database:Partitions";

    /// <summary>
    /// Months after the current one that have their partition before their first row. Three months leave a quarter
    /// for an operator to notice a maintainer that stopped (event 1021 stops appearing) before rows land in the default partition.
    /// </summary>
    public int MonthsAhead { get; set; } = MonthlyPartitions.DefaultMonthsAhead;
}

/// <summary>
/// Keeps every monthly-partitioned table of the service's database (<see cref="MonthlyPartitions"/>) supplied with
/// partitions <see cref="PartitionOptions.MonthsAhead"/> months ahead. The tables are read from the catalog (each
/// range-partitioned table with a <c>_default</c> partition), so a migration that partitions a table is all a service
/// does. One replica does it (leader-elected); a partition is made with a short lock timeout, so it never queues
/// inserts behind a long query, and is tried again in the next run.
/// </summary>
public sealed class PartitionMaintainer<TDbContext>(IServiceScopeFactory scopes, IOptions<PartitionOptions> options, LeaderElection leader, TimeProvider clock, ILogger<PartitionMaintainer<TDbContext>> logger)
    : PeriodicWorker(clock, logger, leader) where TDbContext : DbContext
{
    private readonly HashSet<string> _held = [];

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Activity => "Making next months' partitions";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        foreach (var (table, month, outcome) in await EnsureAheadAsync(db, ChinaTime.Today(Clock), options.Value.MonthsAhead, stoppingToken))
        {
            if (outcome == "created")
            {
                Logger.LogInformation(LogEvents.PartitionCreated, "Made the partition of {Table} for {Month:yyyy-MM}", table, month);
            }
            else if (outcome == "held" && _held.Add($"{table} {month:yyyy-MM}"))
            {
                Logger.LogWarning(LogEvents.PartitionHeldByDefault,
                    "{Table} has rows of {Month:yyyy-MM} in its default partition, so that month gets no partition of its own; they stay readable there", table, month);
            }
        }

        return false;
    }

    /// <summary>Makes the partitions of this month and the next <paramref name="monthsAhead"/> for every monthly-partitioned table.</summary>
    public static async Task<IReadOnlyList<(string Table, DateOnly Month, string Outcome)>> EnsureAheadAsync(DbContext db, DateOnly today, int monthsAhead, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tables = await db.Database.SqlQuery<string>($"""
            SELECT c.relname AS "Value" FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
            WHERE p.partstrat = 'r' AND c.relnamespace = current_schema()::regnamespace AND to_regclass(c.relname || '_default') IS NOT NULL
            ORDER BY c.relname
            """).ToListAsync(ct);
        var outcomes = new List<(string, DateOnly, string)>();
        var first = new DateOnly(today.Year, today.Month, 1);
        foreach (var table in tables)
        {
            for (var ahead = 0; ahead <= monthsAhead; ahead++)
            {
                var month = first.AddMonths(ahead);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '5s'", ct);
                var outcome = await db.Database.SqlQuery<string>($"""SELECT ensure_month_partition({table}::regclass, {month}) AS "Value" """).SingleAsync(ct);
                await transaction.CommitAsync(ct);
                outcomes.Add((table, month, outcome));
            }
        }

        return outcomes;
    }
}
