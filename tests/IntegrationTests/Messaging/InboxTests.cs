using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>The inbox against real PostgreSQL and RabbitMQ: a redelivered message changes state once.</summary>
[Collection(MessagingServersCollection.Name)]
public sealed class InboxTests(MessagingServersFixture servers)
{
    [Fact]
    public async Task The_same_message_delivered_twice_changes_state_once()
    {
        var database = await servers.CreateDatabaseAsync();
        await using var service = await TestService.StartAsync(database, servers.BrokerConnectionString, $"inbox-{Guid.NewGuid():N}"[..20], relay: false);
        var bus = service.Services.GetRequiredService<IBus>();
        var key = Guid.NewGuid().ToString("N");
        var messageId = NewId.NextGuid();

        await bus.Publish(new CounterIncremented(key), context => context.MessageId = messageId);
        await Eventually.TrueAsync(async () => await TestDatabase.CounterAsync(database, key) == 1, "the first delivery");
        await bus.Publish(new CounterIncremented(key), context => context.MessageId = messageId);
        await service.WaitUntilConsumedAsync(2);

        Assert.Equal(1, await TestDatabase.CounterAsync(database, key));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_message_change_state_once()
    {
        var database = await servers.CreateDatabaseAsync();
        await using var service = await TestService.StartAsync(database, servers.BrokerConnectionString, $"inbox-{Guid.NewGuid():N}"[..20], relay: false);
        var bus = service.Services.GetRequiredService<IBus>();
        var key = Guid.NewGuid().ToString("N");
        var messageId = NewId.NextGuid();

        // Eight copies at once: the consumer runs up to eight in parallel, so they race on the inbox key.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bus.Publish(new CounterIncremented(key), context => context.MessageId = messageId)));

        await service.WaitUntilConsumedAsync(8);

        Assert.Equal(1, await TestDatabase.CounterAsync(database, key));
    }

    [Fact]
    public async Task A_consumer_failure_rolls_back_its_change_and_inbox_row_so_the_retry_applies_it_once()
    {
        var database = await servers.CreateDatabaseAsync();
        await using var service = await TestService.StartAsync(database, servers.BrokerConnectionString, $"inbox-{Guid.NewGuid():N}"[..20], relay: false);
        var bus = service.Services.GetRequiredService<IBus>();
        var key = CounterConsumer.FailOncePrefix + Guid.NewGuid().ToString("N");
        var messageId = NewId.NextGuid();

        await bus.Publish(new CounterIncremented(key), context => context.MessageId = messageId);
        await service.WaitUntilConsumedAsync(1);

        Assert.Equal(1, await TestDatabase.CounterAsync(database, key));
        await using var check = TestDatabase.Open(database);
        Assert.Equal(1, await check.Set<ProcessedMessage>().CountAsync(m => m.MessageId == messageId));
    }

    [Fact]
    public async Task A_batch_consumer_changes_state_once_per_message_through_duplicates_and_a_failed_batch()
    {
        var database = await servers.CreateDatabaseAsync();
        await using var service = await TestService.StartAsync(database, servers.BrokerConnectionString, $"inbox-{Guid.NewGuid():N}"[..20], relay: false);
        var bus = service.Services.GetRequiredService<IBus>();
        var key = Guid.NewGuid().ToString("N");
        var failing = CounterConsumer.FailOncePrefix + Guid.NewGuid().ToString("N");
        var ids = Enumerable.Range(0, 30).Select(_ => NewId.NextGuid()).ToList();

        // Thirty messages, each published twice (a relay that crashed after the broker's confirm), and one whose
        // batch fails once after writing: every message counts once, whichever batches they fell into.
        await Task.WhenAll(ids.SelectMany(id => new[] { id, id }).Select(id => bus.Publish(new CounterBatchIncremented(key), context => context.MessageId = id)));
        await bus.Publish(new CounterBatchIncremented(failing));
        await Eventually.TrueAsync(async () => await TestDatabase.CounterAsync(database, key) == 30 && await TestDatabase.CounterAsync(database, failing) == 1, "every message of the batches");

        // Nothing arrives late to count twice: the duplicates were skipped, not queued behind.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(30, await TestDatabase.CounterAsync(database, key));
        Assert.Equal(1, await TestDatabase.CounterAsync(database, failing));
        await using var check = TestDatabase.Open(database);
        Assert.Equal(31, await check.Set<ProcessedMessage>().CountAsync(m => m.Consumer == nameof(CounterBatchConsumer)));
    }

    [Fact]
    public async Task Pruning_deletes_the_rows_handled_before_the_retention_in_batches_and_keeps_the_rest()
    {
        var database = await servers.CreateDatabaseAsync();
        await using var service = await TestService.StartAsync(database, servers.BrokerConnectionString, $"inbox-{Guid.NewGuid():N}"[..20], relay: false, consume: false);
        var now = DateTimeOffset.UtcNow;
        await using (var db = TestDatabase.Open(database))
        {
            db.Set<ProcessedMessage>().AddRange(Enumerable.Range(0, 25).Select(i => new ProcessedMessage { MessageId = Guid.NewGuid(), Consumer = "old", ProcessedAt = now.AddDays(-40).AddMinutes(i) }));
            db.Set<ProcessedMessage>().AddRange(Enumerable.Range(0, 5).Select(i => new ProcessedMessage { MessageId = Guid.NewGuid(), Consumer = "recent", ProcessedAt = now.AddDays(-1) }));
            await db.SaveChangesAsync();
        }

        var deleted = await service.WithDbAsync(async db =>
        {
            var batches = new List<int>();
            int batch;
            do
            {
                batch = await InboxPruner<OutboxTestDbContext>.PruneAsync(db, now.AddDays(-30), batchSize: 10, CancellationToken.None);
                batches.Add(batch);
            }
            while (batch == 10);

            return batches;
        });

        Assert.Equal([10, 10, 5], deleted);
        await using var check = TestDatabase.Open(database);
        Assert.Equal(5, await check.Set<ProcessedMessage>().CountAsync());
        Assert.All(await check.Set<ProcessedMessage>().ToListAsync(), m => Assert.Equal("recent", m.Consumer));
    }
}
