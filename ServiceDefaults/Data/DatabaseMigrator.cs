using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.ServiceDefaults.Data;

/// <summary>
/// Applies the service's EF Core migrations before anything else starts (hosted services start in
/// order, and this one finishes its StartAsync first). EF Core takes a database lock while migrating,
/// so replicas starting together apply each migration once. <c>Database:Migrations</c> says when:
/// <c>at-start</c> (the default: local runs and tests), <c>none</c> (a production installation, where the
/// deployment's migrations Job applies them before the new version rolls out), or <c>only</c> (that Job:
/// migrate, then stop).
/// </summary>
public sealed class DatabaseMigrator<TDbContext>(
    IServiceProvider services, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<DatabaseMigrator<TDbContext>> logger) : IHostedService
    where TDbContext : DbContext
{
    public const string SettingKey = "Database:Migrations";

    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var mode = configuration[SettingKey] ?? "at-start";
        if (mode is not ("at-start" or "none" or "only"))
        {
            throw new InvalidOperationException($"{SettingKey} is at-start, none or only, not '{mode}'.");
        }

        if (mode == "none")
        {
            return;
        }

        await MigrateAsync(cancellationToken);
        if (mode == "only")
        {
            lifetime.StopApplication();
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                // The history table first (CREATE … IF NOT EXISTS): on a new database EF's first look at it
                // otherwise fails and is logged as an error by EF and PostgreSQL at every clean start (issue 24).
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Database of {Context} is migrated", typeof(TDbContext).Name);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException
                && TimeProvider.System.GetElapsedTime(started) < GiveUpAfter)
            {
                logger.LogWarning(LogEvents.MigrationRetried, exception, "Migrating {Context} failed (attempt {Attempt}); retrying", typeof(TDbContext).Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt * 2)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
