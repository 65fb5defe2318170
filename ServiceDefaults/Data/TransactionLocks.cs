using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.ServiceDefaults.Data;

/// <summary>
/// PostgreSQL advisory locks on keys, held until the transaction ends: what serializes the consumers (and batches of
/// them) looking at the same application, phone or person. All of a transaction's keys are taken in one statement in
/// one order (ordinal), so two transactions locking overlapping sets never wait for each other in a circle.
/// </summary>
public static class TransactionLocks
{
    /// <param name="space">Seeds the keys' hash: each service's use keeps its own, so equal keys of different meanings never collide.</param>
    public static Task LockAsync(DbContext db, IEnumerable<string> keys, long space, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var ordered = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return ordered.Length == 0
            ? Task.CompletedTask
            : db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended(k, {space})) FROM unnest({ordered}::text[]) AS k", ct);
    }
}
