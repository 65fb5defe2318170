using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.Relief.Cases;

/// <summary>
/// Announces each assist-first case (R8) whose review deadline passed without a review, once, with
/// <see cref="AssistFirstReviewOverdue"/> through the outbox. Rows are claimed with SKIP LOCKED, so
/// replicas never announce a case twice.
/// </summary>
public sealed class ReviewOverdueScanner(IServiceScopeFactory scopes, IOptions<ReliefOptions> options, LeaderElection leader, TimeProvider clock, ILogger<ReviewOverdueScanner> logger)
    : PeriodicWorker(clock, logger, leader)
{
    private const int BatchSize = 500;

    protected override TimeSpan Interval => options.Value.ReviewScanInterval;

    protected override string Activity => "Looking for overdue assist-first reviews";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
        var now = Clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);
        var due = await db.Cases
            .FromSql($"""
                SELECT *, xmin FROM cases
                WHERE reviewed_at IS NULL AND review_overdue_announced_at IS NULL AND review_deadline < {now}
                ORDER BY review_deadline LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(stoppingToken);
        foreach (var reliefCase in due)
        {
            reliefCase.ReviewOverdueAnnouncedAt = now;
            db.AddToOutbox(new AssistFirstReviewOverdue(reliefCase.CaseId, reliefCase.ApplicationId, reliefCase.County,
                reliefCase.AssistFirstAmount ?? 0m, reliefCase.ReviewDeadline!.Value, now));
        }

        await db.SaveChangesAsync(stoppingToken);
        await transaction.CommitAsync(stoppingToken);
        if (due.Count > 0)
        {
            Logger.LogWarning(LogEvents.ReviewsOverdue, "{Count} assist-first reviews are past their deadline", due.Count);
        }

        return due.Count == BatchSize;
    }
}
