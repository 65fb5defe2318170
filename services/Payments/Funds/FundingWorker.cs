using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Payments.Batches;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Instructions;
using ReliefPlatform.ServiceDefaults.Hosting;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Payments.Funds;

/// <summary>Funds new payments as they arrive, and waiting ones after an allocation is credited.</summary>
public sealed class FundingWorker(IServiceScopeFactory scopes, LeaderElection leader, TimeProvider clock, ILogger<FundingWorker> logger) : PeriodicWorker(clock, logger, leader)
{
    private readonly SemaphoreSlim _wake = new(0);
    private volatile bool _allocationsChanged = true;

    public void Wake(bool allocationsChanged = false)
    {
        if (allocationsChanged)
        {
            _allocationsChanged = true;
        }

        _wake.Release();
    }

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override string Activity => "Funding payments";

    protected override Task WaitAsync(TimeSpan interval, CancellationToken stoppingToken) => _wake.WaitAsync(interval, stoppingToken);

    protected override async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var includeUnfunded = _allocationsChanged;
        _allocationsChanged = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Funding>().FundWaitingAsync(includeUnfunded, stoppingToken);
            return false;
        }
        catch
        {
            // Credited allocations are looked at again next round.
            _allocationsChanged = true;
            throw;
        }
    }
}
