using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Whether the service's announcements are leaving (issue 24): Degraded, with the figures in its description,
/// when the oldest outbox row waits longer than <see cref="OutboxOptions.DegradedAfter"/> — the broker refuses
/// them, or the relay is stuck — so the dashboard shows a platform that accepts work but does not pass it on.
/// Readiness stays up: the service still takes requests, and they are kept safely until the broker answers.
/// </summary>
public sealed class OutboxHealthCheck<TDbContext>(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock) : IHealthCheck
    where TDbContext : DbContext
{
    public const string Name = "outbox";

    /// <summary>The backlog is counted up to this; beyond it the figure reads "at least" (a health probe must not scan a big table).</summary>
    public const int CountCap = 100_000;

    private sealed record Backlog(long Waiting, DateTimeOffset? Oldest);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // Plain Npgsql, not EF: a probe that fails (a start before the migration made the table, a database away)
        // is the health state's news, logged once by HealthTransitions, not an EF error line per probe (issue 24).
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        // Cheap at every probe, even with a campaign's rows waiting: the count stops at CountCap (it reads at most that many rows,
        // not the table), and the oldest row is the first by id (identity, so in order of writing) on the key.
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT count(*) FROM (SELECT 1 FROM {MessagingModelBuilderExtensions.OutboxTable} LIMIT {CountCap}) AS capped),
                   (SELECT created_at FROM {MessagingModelBuilderExtensions.OutboxTable} ORDER BY id LIMIT 1)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var backlog = new Backlog(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
        var age = backlog.Oldest is { } oldest ? clock.GetUtcNow() - oldest : (TimeSpan?)null;
        MessagingTelemetry.RecordOutboxBacklog(backlog.Waiting, age?.TotalSeconds ?? 0);
        return Assess(backlog.Waiting, age, options.Value.DegradedAfter);
    }

    private static string Figure(long waiting) => waiting >= CountCap ? string.Create(CultureInfo.InvariantCulture, $"at least {CountCap}") : waiting.ToString(CultureInfo.InvariantCulture);

    /// <summary>The outbox's health from its backlog: the one rule, unit-tested.</summary>
    public static HealthCheckResult Assess(long waiting, TimeSpan? oldestAge, TimeSpan degradedAfter)
    {
        var data = new Dictionary<string, object> { ["waiting"] = waiting, ["oldest_seconds"] = Math.Round(oldestAge?.TotalSeconds ?? 0) };
        if (oldestAge is { } age && age > degradedAfter)
        {
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"{Figure(waiting)} messages wait in the outbox; the oldest for {age.TotalMinutes:0.0} min (over {degradedAfter.TotalMinutes:0.#} min): is the broker reachable?"),
                data: data);
        }

        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{Figure(waiting)} messages waiting"), data);
    }
}
