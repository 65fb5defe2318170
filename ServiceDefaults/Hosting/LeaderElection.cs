using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ReliefPlatform.ServiceDefaults.Hosting;

/// <summary>
/// One replica at a time runs each singular job (issue 23): the campaign runner, the bank round, schedulers and
/// scanners. A replica leads a job while it holds a PostgreSQL session advisory lock named after the job, on a
/// connection of its own to the service's database: when the replica dies or loses its connection the lock goes
/// with the session, and another replica takes the job at its next round. Jobs that share their work safely
/// (row claims with <c>FOR UPDATE SKIP LOCKED</c>, like the notification deliveries) run everywhere instead.
/// </summary>
public sealed class LeaderElection(string connectionString, ILogger<LeaderElection> logger) : IAsyncDisposable
{
    // Not pooled: a session lock on a pooled connection would outlive its holder in the pool.
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "leader-election" }.ConnectionString;
    private readonly ConcurrentDictionary<string, NpgsqlConnection> _held = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The lock's key: a stable 64-bit number of the job's name (the same in every replica and release).</summary>
    public static long KeyOf(string job)
    {
        ArgumentNullException.ThrowIfNull(job);
        // FNV-1a: string.GetHashCode differs between processes.
        var hash = 14695981039346656037UL;
        foreach (var c in job)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    /// <summary>True while this replica leads <paramref name="job"/>; tries to take the lead when nobody holds it.</summary>
    public async Task<bool> LeadsAsync(string job, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_held.TryGetValue(job, out var held))
            {
                try
                {
                    // The lock lives as long as this session: one round trip says the session is still there.
                    await using var check = new NpgsqlCommand("SELECT 1", held);
                    await check.ExecuteScalarAsync(ct);
                    return true;
                }
                catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
                {
                    logger.LogInformation("Lost the lead of {Job} with its database session; another replica may take it", job);
                    _held.TryRemove(job, out _);
                    await held.DisposeAsync();
                }
            }

            var connection = new NpgsqlConnection(_connectionString);
            try
            {
                await connection.OpenAsync(ct);
                await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = KeyOf(job) } } };
                if (await take.ExecuteScalarAsync(ct) is true)
                {
                    _held[job] = connection;
                    logger.LogInformation("This replica leads {Job}", job);
                    return true;
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            await connection.DisposeAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _held.Values)
        {
            await connection.DisposeAsync();
        }

        _held.Clear();
        _gate.Dispose();
    }
}
