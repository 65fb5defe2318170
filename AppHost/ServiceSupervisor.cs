using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.AppHost;

/// <summary>
/// Starts a platform service again when its process dies in a run (killed, crashed): nothing in a
/// local run did, so a killed notification service stayed down and the gateway waited 30 s per call.
/// A process the operator stopped from the dashboard passes through "Stopping" and is left alone.
/// Each restart is written, as an error, into the service's own console log on the dashboard; after
/// <see cref="MaxRestarts"/> restarts within <see cref="Window"/> the supervisor gives up and says so.
/// </summary>
public sealed class ServiceSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    ILogger<ServiceSupervisor> logger,
    IReadOnlySet<string> supervised) : BackgroundService
{
    public const int MaxRestarts = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, string?> _lastState = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _restarts = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                var name = update.Resource.Name;
                if (!supervised.Contains(name))
                {
                    continue;
                }

                var state = update.Snapshot.State?.Text;
                var previous = _lastState.GetValueOrDefault(name);
                _lastState[name] = state;
                if (state == previous || !IsDead(state) || !WasServing(previous) || lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    continue;
                }

                _ = RestartAsync(update.Resource, update.Snapshot.ExitCode, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static bool IsDead(string? state) => state == KnownResourceStates.Exited || state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart;

    /// <summary>A process that was running (not stopping at the operator's word) when it died.</summary>
    private static bool WasServing(string? state) => state == KnownResourceStates.Running || state == KnownResourceStates.RuntimeUnhealthy;

    private async Task RestartAsync(IResource resource, int? exitCode, CancellationToken ct)
    {
        var resourceLog = resourceLogs.GetLogger(resource);
        var now = DateTimeOffset.UtcNow;
        var recent = _restarts.GetOrAdd(resource.Name, _ => []);
        int attempt;
        lock (recent)
        {
            recent.RemoveAll(at => at < now - Window);
            if (recent.Count >= MaxRestarts)
            {
                logger.LogCritical("{Resource} exited with code {ExitCode} and was restarted {Count} times in {Window}; it stays down until an operator starts it",
                    resource.Name, exitCode, recent.Count, Window);
                resourceLog.LogCritical("已退出（代码 {ExitCode}），{Window} 内已自动重启 {Count} 次，不再重启：请运维人员检查后手动启动。 / Exited (code {ExitCode}) after {Count} restarts within {Window}; not restarted again: an operator must look and start it.",
                    exitCode, Window, recent.Count, exitCode, recent.Count, Window);
                return;
            }

            recent.Add(now);
            attempt = recent.Count;
        }

        logger.LogError("{Resource} exited unexpectedly with code {ExitCode}; starting it again (restart {Attempt} of at most {Max} in {Window})",
            resource.Name, exitCode, attempt, MaxRestarts, Window);
        resourceLog.LogError("意外退出（代码 {ExitCode}），正在自动重启（第 {Attempt} 次）。 / Exited unexpectedly (code {ExitCode}); starting again (restart {Attempt}).",
            exitCode, attempt, exitCode, attempt);
        try
        {
            // A short pause, growing with each restart, so a crash loop does not spin.
            await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, ct);
            if (!result.Success)
            {
                logger.LogError("{Resource} could not be started again: {Error}", resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // Runs unobserved: whatever goes wrong is said here, not lost.
            logger.LogError(exception, "{Resource} could not be started again", resource.Name);
        }
    }
}
