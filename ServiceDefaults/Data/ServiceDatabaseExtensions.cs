using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.ServiceDefaults.Data;

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers a service's own PostgreSQL database: the Aspire Npgsql EF Core client (pooling,
    /// health check, tracing), snake_case names, the outbox wake-up, no automatic savepoints, and migrations at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        builder.Services.AddSingleton<NoAutoSavepointsInterceptor>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<AuditActor>();
        builder.Services.TryAddSingleton<AuditInterceptor>();

        builder.AddNpgsqlDbContext<TDbContext>(
            connectionName,
            settings =>
            {
                // Consumers and the outbox open their own transactions, which a retrying execution
                // strategy refuses; message retries (consumer definitions) and HTTP retries cover transients.
                settings.DisableRetry = true;
            },
            options => options.UseSnakeCaseNamingConvention());

        // Interceptors are added after the Aspire registration so the pooled options include them.
        builder.Services.ConfigureDbContext<TDbContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor>(), services.GetRequiredService<NoAutoSavepointsInterceptor>(),
                services.GetRequiredService<AuditInterceptor>()));

        builder.Services.AddHostedService<DatabaseMigrator<TDbContext>>();
        // Monthly-partitioned tables get next months' partitions ahead of their rows (issue 23).
        builder.Services.AddOptions<PartitionOptions>().BindConfiguration(PartitionOptions.SectionName);
        builder.Services.AddHostedService<PartitionMaintainer<TDbContext>>();
        // Singular jobs run in one replica at a time, elected by an advisory lock in this database (issue 23).
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<Hosting.LeaderElection>(services,
            connectionString ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set.")));
        return builder;
    }
}
