using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.ServiceDefaults.Hosting;

/// <summary>
/// A background job that runs every <see cref="Interval"/> for the life of the service. A failing run
/// is logged and the next run tries again: a database restart or a broker outage must never stop a
/// scanner or a worker for good.
/// </summary>
/// <param name="leader">
/// Given, the job runs in one replica at a time (issue 23: the one holding its lock); null, it runs in every replica
/// — only for jobs that share their work safely (rows claimed with <c>FOR UPDATE SKIP LOCKED</c>).
/// </param>
public abstract class PeriodicWorker(TimeProvider clock, ILogger logger, LeaderElection? leader) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    private readonly RepeatedFailure _failures = new(logger, LogEvents.WorkerFailed, LogEvents.WorkerRecovered);

    /// <summary>The time between the end of one run and the start of the next.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job does, for the log line of a failed run ("Looking for overdue leads").</summary>
    protected abstract string Activity { get; }

    /// <summary>
    /// One run. Returning true means more work is waiting (a full batch was taken), so the next run
    /// starts at once instead of after <see cref="Interval"/>.
    /// </summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken stoppingToken);

    /// <summary>Ends a wait early (e.g. when new work was just committed); by default the wait runs out.</summary>
    protected virtual Task WaitAsync(TimeSpan interval, CancellationToken stoppingToken) => Task.Delay(interval, Clock, stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var moreWaiting = false;
            try
            {
                // What a worker changes is recorded as the platform's own doing, under the worker's name.
                using var actor = Audit.AuditActor.Begin(Contracts.Security.Actor.System(GetType().Name));
                if (leader is null || await leader.LeadsAsync(GetType().Name, stoppingToken))
                {
                    moreWaiting = await RunOnceAsync(stoppingToken);
                }

                _failures.Succeeded(Activity);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _failures.Failed(exception, Activity);
            }

            if (moreWaiting)
            {
                continue;
            }

            try
            {
                await WaitAsync(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
