using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Intake.Leads;

/// <summary>
/// Finds leads past their follow-up deadline (R1), marks each overdue once and announces it with
/// <see cref="LeadOverdue"/> through the outbox. Rows are claimed with SKIP LOCKED, so replicas never
/// announce a lead twice.
/// </summary>
public sealed class LeadOverdueScanner(IServiceScopeFactory scopes, IOptions<LeadOptions> options, LeaderElection leader, TimeProvider clock, IntakeMetrics metrics, ILogger<LeadOverdueScanner> logger)
    : PeriodicWorker(clock, logger, leader)
{
    protected override TimeSpan Interval => options.Value.ScanInterval;

    protected override string Activity => "Looking for overdue leads";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await ScanAsync(stoppingToken);
        return false;
    }

    public async Task<int> ScanAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var now = Clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Leads
            .FromSql($"SELECT *, xmin FROM leads WHERE status = 'Open' AND overdue_at IS NULL AND follow_up_deadline < {now} ORDER BY follow_up_deadline LIMIT 500 FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var lead in due.Where(l => l.MarkOverdue(now)))
        {
            db.AddToOutbox(new LeadOverdue(lead.LeadId, lead.County, lead.FollowUpDeadline, now));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var open = await db.Leads.CountAsync(l => l.Status == LeadStatus.Open, ct);
        var overdue = await db.Leads.CountAsync(l => l.Status == LeadStatus.Open && l.FollowUpDeadline < now, ct);
        metrics.Leads(open, overdue);
        if (due.Count > 0)
        {
            Logger.LogInformation("{Count} leads became overdue", due.Count);
        }

        return due.Count;
    }
}
