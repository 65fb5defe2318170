using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
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

        var autoPrepared = builder.Configuration.GetValue(AutoPrepareKey, DefaultAutoPrepared);
        var resetOnClose = builder.Configuration.GetValue(ResetOnCloseKey, false);
        builder.AddNpgsqlDbContext<TDbContext>(
            connectionName,
            settings =>
            {
                // Consumers and the outbox open their own transactions, which a retrying execution
                // strategy refuses; message retries (consumer definitions) and HTTP retries cover transients.
                settings.DisableRetry = true;
                settings.ConnectionString = WithoutReset(WithAutoPrepare(settings.ConnectionString, autoPrepared), resetOnClose);
            },
            // The model ships compiled, and whether it has changes no migration carries is a unit test's question
            // (CompiledModelTests), not every start's: asking it builds the whole model again (issue 22).
            options => options.UseSnakeCaseNamingConvention()
                .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)));

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

    /// <summary>
    /// Npgsql prepares the statements a connection runs repeatedly (issue 22): a perf profile under the surge showed
    /// PostgreSQL spending about a third of its CPU parsing, analysing and planning the same few dozen statements of
    /// every message again. A connection string that sets its own value keeps it.
    /// </summary>
    public static string? WithAutoPrepare(string? connectionString, int statements)
    {
        if (string.IsNullOrEmpty(connectionString) || statements <= 0 || SetsItsOwn(connectionString, "Max Auto Prepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = statements, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    /// <summary>
    /// A connection back in the pool is not reset (issue 22). Npgsql otherwise prefixes the next use of a pooled connection
    /// with seven statements (<c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *;
    /// SELECT pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP</c>): measured, ~0.24 ms of PostgreSQL's CPU
    /// each time, eleven times per urgent application in a surge. They undo session state the services never leave on
    /// a pooled connection: settings are per transaction (<c>SET LOCAL</c>), advisory locks per transaction, except the
    /// campaign runner's, which it releases itself before it gives the connection back, and the leader election's, on a
    /// connection of its own outside the pool; no temporary tables, cursors or LISTEN. An open transaction is still
    /// rolled back when a connection returns to the pool, reset or not. A connection string that says otherwise keeps it.
    /// </summary>
    public static string? WithoutReset(string? connectionString, bool resetOnClose)
    {
        if (string.IsNullOrEmpty(connectionString) || resetOnClose || SetsItsOwn(connectionString, "No Reset On Close"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }

    /// <summary>Whether the connection string names the setting itself, spelled with spaces or without (Npgsql takes both).</summary>
    private static bool SetsItsOwn(string connectionString, string keyword) =>
        connectionString.Contains(keyword, StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains(keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    /// <summary>Configuration key: true resets a connection returned to the pool (Npgsql's default; to compare, or for code that leaves session state).</summary>
    public const string ResetOnCloseKey = "Database:ResetOnClose";

    /// <summary>Configuration key: how many statements each connection keeps prepared (0: none).</summary>
    public const string AutoPrepareKey = "Database:MaxAutoPrepare";

    /// <summary>A service's hot statements are a few dozen; the rest (reports, operators' queries) are planned each time.</summary>
    public const int DefaultAutoPrepared = 100;
}
