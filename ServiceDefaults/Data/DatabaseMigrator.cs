using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReliefPlatform.ServiceDefaults.Data;

/// <summary>
/// Applies the service's EF Core migrations before anything else starts (hosted services start in
/// order, and this one finishes its StartAsync first). EF Core takes a database lock while migrating,
/// so replicas starting together apply each migration once.
/// </summary>
public sealed class DatabaseMigrator<TDbContext>(IServiceProvider services, ILogger<DatabaseMigrator<TDbContext>> logger) : IHostedService
    where TDbContext : DbContext
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Database of {Context} is migrated", typeof(TDbContext).Name);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException
                && TimeProvider.System.GetElapsedTime(started) < GiveUpAfter)
            {
                logger.LogWarning(exception, "Migrating {Context} failed (attempt {Attempt}); retrying", typeof(TDbContext).Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt * 2)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
