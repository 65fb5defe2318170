using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Runs <see cref="OutboxRelay{TDbContext}"/> whenever a local commit wrote outbox rows, and on a
/// poll otherwise. Failures (database or broker down) are logged and retried; rows never leave the
/// table before the broker confirmed them.
/// </summary>
public sealed class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogWarning(LogEvents.OutboxRelayDisabled, "The outbox relay is disabled: messages stay in the outbox until a process with the relay enabled runs");
            return;
        }

        var failures = new RepeatedFailure(logger, LogEvents.OutboxRelayFailed, LogEvents.OutboxRelayRecovered);
        while (!stoppingToken.IsCancellationRequested)
        {
            int relayed;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var relay = scope.ServiceProvider.GetRequiredService<OutboxRelay<TDbContext>>();
                relayed = await relay.RelayBatchAsync(stoppingToken);
                failures.Succeeded("The outbox relay");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                relayed = 0;
                failures.Failed(exception, "The outbox relay");
            }

            // A full batch means more rows are likely waiting: go again at once.
            if (relayed >= options.Value.BatchSize)
            {
                continue;
            }

            var wait = failures.Failures == 0
                ? options.Value.PollInterval
                : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures.Failures, 5))));
            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
