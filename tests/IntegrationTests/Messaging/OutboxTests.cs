using Microsoft.EntityFrameworkCore;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>The transactional outbox against real PostgreSQL and RabbitMQ.</summary>
[Collection(MessagingServersCollection.Name)]
public sealed class OutboxTests(MessagingServersFixture servers)
{
    private static string NewServiceName() => $"outbox-test-{Guid.NewGuid():N}"[..24];

    /// <summary>The state change and its event as one service writes them: one SaveChanges, one transaction.</summary>
    private static async Task IncrementThroughOutboxAsync(OutboxTestDbContext db, string key)
    {
        db.Counters.Add(new Counter { Key = $"source-{key}", Value = 0 });
        db.AddToOutbox(new CounterIncremented(key));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_process_that_dies_between_commit_and_relay_loses_nothing_the_next_process_relays_it_once()
    {
        var database = await servers.CreateDatabaseAsync();
        var service = NewServiceName();
        var key = Guid.NewGuid().ToString("N");

        // The first process commits its state change and event, then dies before relaying anything.
        await using (var dying = await TestService.StartAsync(database, servers.BrokerConnectionString, service, relay: false))
        {
            await dying.WithDbAsync(async db =>
            {
                await IncrementThroughOutboxAsync(db, key);
                return 0;
            });
        }

        Assert.Equal(1, await TestDatabase.OutboxCountAsync(database));
        Assert.Equal(0, await TestDatabase.CounterAsync(database, key));

        // The restarted process relays the waiting row; the consumer handles it once.
        await using var restarted = await TestService.StartAsync(database, servers.BrokerConnectionString, service);
        await Eventually.TrueAsync(async () => await TestDatabase.CounterAsync(database, key) == 1, "the event to be consumed");
        await Eventually.TrueAsync(async () => await TestDatabase.OutboxCountAsync(database) == 0, "the outbox to be emptied");
    }

    [Fact]
    public async Task A_relay_repeated_after_a_crash_before_the_delete_is_handled_once_thanks_to_the_inbox()
    {
        var database = await servers.CreateDatabaseAsync();
        var key = Guid.NewGuid().ToString("N");
        var serviceName = NewServiceName();

        // Keep a copy of the row as it was before the relay deleted it.
        Guid messageId;
        string type, body;
        await using (var writer = await TestService.StartAsync(database, servers.BrokerConnectionString, serviceName, relay: false))
        {
            (messageId, type, body) = await writer.WithDbAsync(async db =>
            {
                await IncrementThroughOutboxAsync(db, key);
                var row = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync();
                return (row.MessageId, row.MessageType, row.Body);
            });
        }

        await using var service = await TestService.StartAsync(database, servers.BrokerConnectionString, serviceName);
        await service.WaitUntilConsumedAsync(1);
        Assert.Equal(1, await TestDatabase.CounterAsync(database, key));

        // The broker confirmed but the delete never committed: the same row is relayed again.
        await using (var db = TestDatabase.Open(database))
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO outbox_messages (message_id, message_type, body, created_at, available_at, attempts) VALUES ({messageId}, {type}, {body}, now(), now(), 0)");
        }

        await Eventually.TrueAsync(async () => await TestDatabase.OutboxCountAsync(database) == 0, "the repeated row to be relayed");
        await service.WaitUntilConsumedAsync(2);

        Assert.Equal(1, await TestDatabase.CounterAsync(database, key));
        await using var check = TestDatabase.Open(database);
        Assert.Equal(1, await check.Set<ProcessedMessage>().CountAsync(m => m.MessageId == messageId));
    }

    [Fact]
    public async Task While_the_broker_is_down_rows_wait_and_go_out_when_it_is_back()
    {
        var database = await servers.CreateDatabaseAsync();
        var key = Guid.NewGuid().ToString("N");
        await using var service = await TestService.StartAsync(database, servers.BrokerConnectionString, NewServiceName());

        await servers.StopBrokerAsync();
        try
        {
            await service.WithDbAsync(async db =>
            {
                await IncrementThroughOutboxAsync(db, key);
                return 0;
            });

            // The relay tries, fails to get a confirm, and keeps the row with the failure recorded.
            await Eventually.TrueAsync(
                async () =>
                {
                    await using var db = TestDatabase.Open(database);
                    return await db.Set<OutboxMessage>().AnyAsync(m => m.Attempts > 0);
                },
                "a failed relay attempt to be recorded");
            Assert.Equal(1, await TestDatabase.OutboxCountAsync(database));
        }
        finally
        {
            await servers.StartBrokerAsync();
        }

        await Eventually.TrueAsync(async () => await TestDatabase.CounterAsync(database, key) == 1, "the event after the broker came back", TimeSpan.FromSeconds(120));
        Assert.Equal(0, await TestDatabase.OutboxCountAsync(database));
    }

    [Fact]
    public async Task An_event_no_queue_is_bound_to_stays_in_the_outbox_instead_of_vanishing()
    {
        var database = await servers.CreateDatabaseAsync();
        await using var service = await TestService.StartAsync(database, servers.BrokerConnectionString, NewServiceName());

        await service.WithDbAsync(async db =>
        {
            db.AddToOutbox(new NobodyListens("lost?"));
            return await db.SaveChangesAsync();
        });

        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = TestDatabase.Open(database);
                return await db.Set<OutboxMessage>().AnyAsync(m => m.Attempts > 0 && m.LastError != null);
            },
            "the broker to return the unroutable event");
        Assert.Equal(1, await TestDatabase.OutboxCountAsync(database));
    }

    [Fact]
    public async Task Two_relays_on_one_table_share_the_rows_and_each_event_is_handled_once()
    {
        var database = await servers.CreateDatabaseAsync();
        var service = NewServiceName();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        const int count = 300;

        // Rows first, with no relay running, so that both relays start on a full table.
        await using (var writer = await TestService.StartAsync(database, servers.BrokerConnectionString, service, relay: false))
        {
            await writer.WithDbAsync(async db =>
            {
                for (var i = 0; i < count; i++)
                {
                    db.AddToOutbox(new CounterIncremented($"{prefix}-{i}"));
                }

                return await db.SaveChangesAsync();
            });
        }

        await using var first = await TestService.StartAsync(database, servers.BrokerConnectionString, service);
        await using var second = await TestService.StartAsync(database, servers.BrokerConnectionString, service);

        await Eventually.TrueAsync(async () => await TestDatabase.OutboxCountAsync(database) == 0, "both relays to empty the outbox");
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = TestDatabase.Open(database);
                return await db.Counters.CountAsync(c => c.Key.StartsWith(prefix)) == count;
            },
            "every event to be consumed");

        await using var check = TestDatabase.Open(database);
        Assert.True(await check.Counters.Where(c => c.Key.StartsWith(prefix)).AllAsync(c => c.Value == 1));
    }
}
