using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Notification;

/// <summary>Issue 23: the delivery log keeps its retention (400 days); what is still to send and a person's inbox stay.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DeliveryRetentionTests(PlatformFixture platform)
{
    [Fact]
    public async Task Finished_sms_deliveries_older_than_the_retention_go_with_their_attempts_and_nothing_else_does()
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.NotificationDb));
        await connection.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var oldSms = await InsertAsync(connection, "Sms", "Delivered", now.AddDays(-401));
        var oldDeadLetter = await InsertAsync(connection, "Webhook", "DeadLettered", now.AddDays(-500));
        var oldInbox = await InsertAsync(connection, "Inbox", "Delivered", now.AddDays(-401));
        var oldPending = await InsertAsync(connection, "Sms", "Retrying", now.AddDays(-401));
        var recentSms = await InsertAsync(connection, "Sms", "Delivered", now.AddDays(-399));

        await Eventually.TrueAsync(async () => !await ExistsAsync(connection, oldSms) && !await ExistsAsync(connection, oldDeadLetter), "the old finished deliveries to be pruned");

        Assert.True(await ExistsAsync(connection, oldInbox), "a person's inbox message stays");
        Assert.True(await ExistsAsync(connection, oldPending), "a delivery still to send stays");
        Assert.True(await ExistsAsync(connection, recentSms), "a delivery within the retention stays");
        await using var attempts = new NpgsqlCommand("SELECT count(*) FROM delivery_attempts WHERE delivery_key = ANY($1)", connection)
        {
            Parameters = { new() { Value = new[] { oldSms, oldDeadLetter } } },
        };
        Assert.Equal(0L, (long)(await attempts.ExecuteScalarAsync())!);
    }

    /// <summary>A delivery (with one attempt) as the worker leaves it, written directly: no API backdates a delivery.</summary>
    private static async Task<long> InsertAsync(NpgsqlConnection connection, string channel, string status, DateTimeOffset createdAt)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO deliveries (delivery_id, event_key, event_type, channel, recipient_key, county, language, title, body, status, attempts, next_attempt_at, occurred_at, created_at)
            VALUES (gen_random_uuid(), $1, 'test', $2, 'retention-test', '361102', 'zh-CN', '', '', $3, 1, $5, $4, $4)
            RETURNING key
            """, connection)
        {
            // One still to send waits for its next attempt tomorrow, so the delivery worker leaves it alone meanwhile.
            Parameters =
            {
                new() { Value = $"retention:{Guid.NewGuid():N}" }, new() { Value = channel }, new() { Value = status }, new() { Value = createdAt },
                new() { Value = status is "Pending" or "Retrying" ? DateTimeOffset.UtcNow.AddDays(1) : createdAt },
            },
        };
        var key = (long)(await insert.ExecuteScalarAsync())!;
        await using var attempt = new NpgsqlCommand(
            "INSERT INTO delivery_attempts (delivery_key, number, at, succeeded, latency_ms) VALUES ($1, 1, $2, $3, 1)", connection)
        {
            Parameters = { new() { Value = key }, new() { Value = createdAt }, new() { Value = status == "Delivered" } },
        };
        await attempt.ExecuteNonQueryAsync();
        return key;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, long key)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM deliveries WHERE key = $1)", connection) { Parameters = { new() { Value = key } } };
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
