using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Relief.Campaigns;
using ReliefPlatform.Relief.Cases;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.Relief.ReserveFunds;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Relief;

/// <summary>
/// Relief's figures on the dashboard: cases opened by kind and county, amounts granted, reserve-fund
/// balances, overdue reviews and campaign progress. Counters move with the work; gauges are refreshed
/// from the database every half minute by <see cref="ReliefGauges"/>.
/// </summary>
public sealed class ReliefMetrics
{
    public const string MeterName = "ReliefPlatform.Relief";

    private readonly Counter<long> _cases;
    private readonly Counter<decimal> _granted;
    private IReadOnlyList<Measurement<decimal>> _balances = [];
    private IReadOnlyList<Measurement<long>> _campaigns = [];
    private long _overdueReviews;

    public ReliefMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _cases = meter.CreateCounter<long>("reliefplatform.relief.cases.opened", "{case}", "Temporary-assistance cases opened, by kind and county.");
        _granted = meter.CreateCounter<decimal>("reliefplatform.relief.granted", "CNY", "Amounts granted, by kind and county.");
        meter.CreateObservableGauge("reliefplatform.relief.reserve.balance", () => Volatile.Read(ref _balances), "CNY", "Reserve-fund balances, by county and township.");
        meter.CreateObservableGauge("reliefplatform.relief.reviews.overdue", () => Volatile.Read(ref _overdueReviews), "{case}", "Assist-first cases whose review is overdue (R8).");
        meter.CreateObservableGauge("reliefplatform.relief.campaign.payments", () => Volatile.Read(ref _campaigns), "{payment}", "Campaign progress: total and issued payments.");
    }

    public void CaseOpened(TemporaryAssistanceKind kind, string county) => _cases.Add(1, new("kind", WireName.Of(kind)), new("county", county));

    public void Granted(TemporaryAssistanceKind kind, string county, decimal amount) => _granted.Add(amount, new("kind", WireName.Of(kind)), new("county", county));

    internal void Refresh(IReadOnlyList<Measurement<decimal>> balances, long overdueReviews, IReadOnlyList<Measurement<long>> campaigns)
    {
        Volatile.Write(ref _balances, balances);
        Volatile.Write(ref _overdueReviews, overdueReviews);
        Volatile.Write(ref _campaigns, campaigns);
    }
}

public sealed class ReliefGauges(IServiceScopeFactory scopes, ReliefMetrics metrics, LeaderElection leader, TimeProvider clock, ILogger<ReliefGauges> logger)
    : PeriodicWorker(clock, logger, leader)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override string Activity => "Refreshing relief's dashboard figures";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
        var now = Clock.GetUtcNow();
        var funds = await db.Set<ReserveFund>().AsNoTracking().Select(f => new { f.County, f.Township, f.Balance }).ToListAsync(stoppingToken);
        var overdue = await db.Cases.LongCountAsync(c => c.ReviewDeadline != null && c.ReviewedAt == null && c.ReviewDeadline < now, stoppingToken);
        var campaigns = await db.Set<Campaign>().AsNoTracking().Where(c => c.Status == CampaignStatus.Running || c.CompletedAt > now.AddDays(-30))
            .Select(c => new { c.Kind, c.ReferenceMonth, c.Total, c.Issued }).ToListAsync(stoppingToken);
        metrics.Refresh(
            funds.Select(f => new Measurement<decimal>(f.Balance, new("county", f.County), new("township", f.Township))).ToList(),
            overdue,
            campaigns.SelectMany(c => new[]
            {
                new Measurement<long>(c.Total, new("campaign", $"{c.Kind}:{c.ReferenceMonth:yyyy-MM}"), new("state", "total")),
                new Measurement<long>(c.Issued, new("campaign", $"{c.Kind}:{c.ReferenceMonth:yyyy-MM}"), new("state", "issued")),
            }).ToList());
        return false;
    }
}
