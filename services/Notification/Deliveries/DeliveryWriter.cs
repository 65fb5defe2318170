using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Notification.Data;

namespace ReliefPlatform.Notification.Deliveries;

/// <summary>
/// Writes new deliveries with one statement inside the caller's transaction: a reconciliation's
/// thousands of payment notices are one round trip and no change tracking. The deliveries' unique
/// key (event, channel, recipient) decides what is new — the database checks it while inserting, so
/// no separate lookup reads the same index first — and a notice already given is skipped.
/// </summary>
public static class DeliveryWriter
{
    /// <returns>The ids of the deliveries written (the others had been given before).</returns>
    public static async Task<HashSet<Guid>> WriteAsync(NotificationDbContext db, IReadOnlyList<Delivery> deliveries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return [];
        }

        static DateTime? Utc(DateTimeOffset? value) => value?.UtcDateTime;
        var written = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO deliveries (delivery_id, event_key, event_type, channel, recipient_key, subscription_id, phone, application_id, county, language,
                                    title, body, status, attempts, next_attempt_at, lease_until, occurred_at, created_at, delivered_at, read_at, last_error)
            SELECT * FROM unnest(
                {deliveries.Select(d => d.DeliveryId).ToArray()}::uuid[], {deliveries.Select(d => d.EventKey).ToArray()}::text[],
                {deliveries.Select(d => d.EventType).ToArray()}::text[], {deliveries.Select(d => d.Channel.ToString()).ToArray()}::text[],
                {deliveries.Select(d => d.RecipientKey).ToArray()}::text[], {deliveries.Select(d => d.SubscriptionId).ToArray()}::uuid[],
                {deliveries.Select(d => d.Phone).ToArray()}::text[], {deliveries.Select(d => d.ApplicationId).ToArray()}::uuid[],
                {deliveries.Select(d => d.County).ToArray()}::text[], {deliveries.Select(d => d.Language).ToArray()}::text[],
                {deliveries.Select(d => d.Title).ToArray()}::text[], {deliveries.Select(d => d.Body).ToArray()}::text[],
                {deliveries.Select(d => d.Status.ToString()).ToArray()}::text[], {deliveries.Select(d => d.Attempts).ToArray()}::integer[],
                {deliveries.Select(d => d.NextAttemptAt.UtcDateTime).ToArray()}::timestamptz[], {deliveries.Select(d => Utc(d.LeaseUntil)).ToArray()}::timestamptz[],
                {deliveries.Select(d => d.OccurredAt.UtcDateTime).ToArray()}::timestamptz[], {deliveries.Select(d => d.CreatedAt.UtcDateTime).ToArray()}::timestamptz[],
                {deliveries.Select(d => Utc(d.DeliveredAt)).ToArray()}::timestamptz[], {deliveries.Select(d => Utc(d.ReadAt)).ToArray()}::timestamptz[],
                {deliveries.Select(d => d.LastError).ToArray()}::text[])
            ON CONFLICT (event_key, channel, recipient_key) DO NOTHING
            RETURNING delivery_id AS "Value"
            """).ToListAsync(ct);
        return [.. written];
    }
}
