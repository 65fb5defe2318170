using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Notification.Data;

namespace ReliefPlatform.Notification.Deliveries;

/// <summary>
/// Writes new deliveries with one binary COPY inside the caller's transaction: a reconciliation's
/// thousands of payment notices cost one round trip and no change tracking, not an INSERT each.
/// The deliveries' unique key still refuses a second notice of the same event to the same recipient.
/// </summary>
public static class DeliveryWriter
{
    public static async Task WriteAsync(NotificationDbContext db, IReadOnlyList<Delivery> deliveries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var copy = await connection.BeginBinaryImportAsync("""
                COPY deliveries (delivery_id, event_key, event_type, channel, recipient_key, subscription_id, phone, application_id, county, language,
                                 title, body, status, attempts, next_attempt_at, lease_until, occurred_at, created_at, delivered_at, read_at, last_error)
                FROM STDIN (FORMAT BINARY)
                """, ct);
            foreach (var d in deliveries)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(d.DeliveryId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(d.EventKey, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.EventType, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Channel.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.RecipientKey, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, d.SubscriptionId, NpgsqlDbType.Uuid, ct);
                await WriteAsync(copy, d.Phone, NpgsqlDbType.Varchar, ct);
                await WriteAsync(copy, d.ApplicationId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(d.County, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Language, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Title, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Body, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(d.Status.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Attempts, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(d.NextAttemptAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await WriteAsync(copy, d.LeaseUntil?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(d.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(d.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await WriteAsync(copy, d.DeliveredAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await WriteAsync(copy, d.ReadAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await WriteAsync(copy, d.LastError, NpgsqlDbType.Varchar, ct);
            }

            await copy.CompleteAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? copy.WriteAsync(value, type, ct) : copy.WriteNullAsync(ct);
}
