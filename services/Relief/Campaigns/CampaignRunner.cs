using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Relief.Campaigns;

/// <summary>
/// Runs campaigns set-based and resumably. One statement copies the reference month's payments of the
/// covered categories into the campaign (unique per recipient), numbered into batches of
/// <see cref="BatchSize"/>; then each batch is written to the outbox with the campaign's batch count,
/// one transaction per batch. A crash half-way resumes at the first batch not issued; late joiners are
/// numbered after the last batch; starting twice finds the same campaign. Nobody is paid twice and
/// nobody is skipped.
/// </summary>
public sealed class CampaignRunner(IServiceScopeFactory scopes, LeaderElection leader, TimeProvider clock, ILogger<CampaignRunner> logger) : PeriodicWorker(clock, logger, leader)
{
    // A batch is one message: 2,000 lines keep it near 400 KB, so a relay round of the outbox stays small in memory.
    public const int BatchSize = 2_000;
    public static readonly string[] CoveredCategories = [AssistanceCategories.Dibao, AssistanceCategories.Tekun, AssistanceCategories.Orphan, AssistanceCategories.UnsupportedChild];
    private readonly SemaphoreSlim _wake = new(0);

    public void Wake() => _wake.Release();

    protected override TimeSpan Interval => TimeSpan.FromSeconds(10);

    protected override string Activity => "A campaign round";

    protected override Task WaitAsync(TimeSpan interval, CancellationToken stoppingToken) => _wake.WaitAsync(interval, stoppingToken);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await RunPendingAsync(stoppingToken);
        return false;
    }

    public async Task RunPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
        var running = await db.Set<Campaign>().Where(c => c.Status == CampaignStatus.Running).Select(c => c.CampaignId).ToListAsync(ct);
        foreach (var campaignId in running)
        {
            await RunAsync(db, campaignId, ct);
        }
    }

    private async Task RunAsync(ReliefDbContext db, Guid campaignId, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().FirstAsync(c => c.CampaignId == campaignId, ct);

        // One replica runs a campaign at a time: a session lock held across the per-batch transactions. Released here
        // before the connection goes back to the pool, which does not reset it (issue 22, ServiceDatabaseExtensions.WithoutReset).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!await SessionLockAsync(db, "pg_try_advisory_lock", campaign.Key, ct))
            {
                return;
            }

            try
            {
                await RunLockedAsync(db, campaign, ct);
            }
            finally
            {
                await SessionLockAsync(db, "pg_advisory_unlock", campaign.Key, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task RunLockedAsync(ReliefDbContext db, Campaign campaign, CancellationToken ct)
    {
        await db.Entry(campaign).ReloadAsync(ct);
        if (campaign.Status != CampaignStatus.Running)
        {
            return;
        }

        // Every covered payment of the reference month, in one statement, once, numbered into batches as it is
        // written (county by county, so a batch is nearly always one county's: one bank batch, not a dozen);
        // later ones join through the consumer unnumbered. Filling and the flag commit together.
        if (!campaign.Filled)
        {
            await using var fill = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"""
            INSERT INTO campaign_payments (campaign_key, recipient_id, reference, payee_id_number, payee_name, county, amount, batch_number)
            SELECT {campaign.Key}, p.recipient_id, {campaign.Kind} || ':' || {campaign.CampaignId}::text || ':' || p.recipient_id::text,
                   p.payee_id_number, p.payee_name, p.county,
                   CASE WHEN {campaign.Kind == Campaign.PriceSubsidy}
                        THEN price_subsidy(p.per_person_standard, p.persons, {campaign.Rate ?? 0m}, {campaign.RoundingDigits ?? 2})
                        ELSE p.amount END,
                   (row_number() OVER (ORDER BY p.county, p.recipient_id) - 1) / {BatchSize} + 1
            FROM roster_payments p
            WHERE p.month = {campaign.ReferenceMonth} AND p.category = ANY({CoveredCategories})
              AND ({campaign.Kind != Campaign.PriceSubsidy} OR p.per_person_standard IS NOT NULL)
            ORDER BY p.county, p.recipient_id
            ON CONFLICT (campaign_key, recipient_id) DO NOTHING
            """, ct);
            campaign.Filled = true;
            await db.SaveChangesAsync(ct);
            await fill.CommitAsync(ct);
        }

        campaign.Total = await db.Set<CampaignPayment>().CountAsync(p => p.CampaignKey == campaign.Key, ct);
        await db.SaveChangesAsync(ct);

        while (!ct.IsCancellationRequested)
        {
            // One transaction per batch: the campaign's batch count and the batch's outbox message commit together,
            // so after a crash the next round goes on from the first batch not yet issued. The rows are only read.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var batchNumber = campaign.Batches + 1;
            var lines = await db.Database.SqlQuery<BatchedLine>($"""
                SELECT recipient_id, reference, payee_id_number, payee_name, county, amount FROM campaign_payments
                WHERE campaign_key = {campaign.Key} AND batch_number = {batchNumber}
                ORDER BY key
                """).ToListAsync(ct);
            if (lines.Count == 0)
            {
                // The numbered batches are all issued: late joiners get the next number (few rows, so the update is cheap).
                lines = await db.Database.SqlQuery<BatchedLine>($"""
                    UPDATE campaign_payments SET batch_number = {batchNumber}
                    WHERE key IN (SELECT key FROM campaign_payments WHERE campaign_key = {campaign.Key} AND batch_number IS NULL ORDER BY key LIMIT {BatchSize})
                    RETURNING recipient_id, reference, payee_id_number, payee_name, county, amount
                    """).ToListAsync(ct);
            }

            if (lines.Count == 0)
            {
                await transaction.RollbackAsync(ct);
                break;
            }

            db.AddToOutbox(new CampaignPaymentBatch(campaign.CampaignId, campaign.Kind, campaign.Purpose, batchNumber,
                lines.Select(l => new CampaignPaymentLine(l.Reference, l.RecipientId, l.PayeeIdNumber, l.PayeeName, l.County, l.Amount)).ToList(), Clock.GetUtcNow()));
            campaign.Batches = batchNumber;
            campaign.Issued += lines.Count;
            campaign.IssuedAmount += lines.Sum(l => l.Amount);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ClearTrackerExcept(campaign);
        }

        // Issuing ends after the deadline (China Standard Time) once every payment is batched.
        var today = ChinaTime.Today(Clock);
        if (today > campaign.Deadline)
        {
            campaign.Status = CampaignStatus.Completed;
            campaign.CompletedAt = Clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        Logger.LogInformation("Campaign {CampaignId} issued {Issued} payments in {Batches} batches", campaign.CampaignId, campaign.Issued, campaign.Batches);
    }

    private static async Task<bool> SessionLockAsync(ReliefDbContext db, string function, long key, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT {function}(hashtext('campaign')::bigint << 32 | @key)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private sealed record BatchedLine(Guid RecipientId, string Reference, string PayeeIdNumber, string PayeeName, string County, decimal Amount);
}
