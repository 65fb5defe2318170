using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults.Http;

namespace ReliefPlatform.Payments;

/// <summary>
/// Payments' figures on the dashboard: payments and amounts by status and county (unfunded, settled and
/// failed among them), batches by status, allocation balances by county. Refreshed from the database every
/// half minute with grouped counts.
/// </summary>
public sealed class PaymentsMetrics : PeriodicWorker
{
    public const string MeterName = "ReliefPlatform.Payments";

    private readonly IServiceScopeFactory _scopes;
    private IReadOnlyList<Measurement<long>> _payments = [];
    private IReadOnlyList<Measurement<decimal>> _amounts = [];
    private IReadOnlyList<Measurement<long>> _batches = [];
    private IReadOnlyList<Measurement<decimal>> _balances = [];

    public PaymentsMetrics(IMeterFactory meterFactory, IServiceScopeFactory scopes, LeaderElection leader, TimeProvider clock, ILogger<PaymentsMetrics> logger)
        : base(clock, logger, leader)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _scopes = scopes;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("reliefplatform.payments.count", () => Volatile.Read(ref _payments), "{payment}", "Payments by status, purpose and county (unfunded ones wait for money).");
        meter.CreateObservableGauge("reliefplatform.payments.amount", () => Volatile.Read(ref _amounts), "CNY", "Amounts by payment status, purpose and county: unfunded amounts per county are what its allocation lacks.");
        meter.CreateObservableGauge("reliefplatform.payments.batches", () => Volatile.Read(ref _batches), "{batch}", "Batches by status: created, submitted, reconciled.");
        meter.CreateObservableGauge("reliefplatform.payments.allocation.balance", () => Volatile.Read(ref _balances), "CNY", "Allocation balances by county (R19).");
    }

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override string Activity => "Refreshing payments' dashboard figures";

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var payments = await db.Payments.GroupBy(p => new { p.Status, p.Purpose, p.County })
            .Select(g => new { g.Key.Status, g.Key.Purpose, g.Key.County, Count = g.LongCount(), Amount = g.Sum(p => p.Amount) }).ToListAsync(stoppingToken);
        var batches = await db.Set<Batches.PaymentBatch>().GroupBy(b => b.Status).Select(g => new { Status = g.Key, Count = g.LongCount() }).ToListAsync(stoppingToken);
        var balances = await db.Allocations.GroupBy(a => a.County).Select(g => new { County = g.Key, Balance = g.Sum(a => a.Balance) }).ToListAsync(stoppingToken);
        Volatile.Write(ref _payments, payments.Select(p => new Measurement<long>(p.Count, new("status", WireName.Of(p.Status)), new("purpose", p.Purpose), new("county", p.County))).ToList());
        Volatile.Write(ref _amounts, payments.Select(p => new Measurement<decimal>(p.Amount, new("status", WireName.Of(p.Status)), new("purpose", p.Purpose), new("county", p.County))).ToList());
        Volatile.Write(ref _batches, batches.Select(b => new Measurement<long>(b.Count, new KeyValuePair<string, object?>("status", WireName.Of(b.Status)))).ToList());
        Volatile.Write(ref _balances, balances.Select(b => new Measurement<decimal>(b.Balance, new KeyValuePair<string, object?>("county", b.County))).ToList());
        return false;
    }
}
