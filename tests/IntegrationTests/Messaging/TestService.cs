using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>A counter incremented once per event: the state change the outbox and inbox must protect.</summary>
public sealed class Counter
{
    public string Key { get; set; } = "";

    public int Value { get; set; }
}

public sealed record CounterIncremented(string Key);

/// <summary>The same increment, taken by a batch consumer (<see cref="IdempotentBatchConsumer{TMessage,TDbContext}"/>).</summary>
public sealed record CounterBatchIncremented(string Key);

/// <summary>An event no service consumes.</summary>
public sealed record NobodyListens(string Key);

public sealed class OutboxTestDbContext(DbContextOptions<OutboxTestDbContext> options) : DbContext(options)
{
    public DbSet<Counter> Counters => Set<Counter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Counter>().HasKey(c => c.Key);
    }
}

public sealed class OutboxTestDesignTimeDbContextFactory : DesignTimeDbContextFactory<OutboxTestDbContext>;

public sealed class CounterConsumer(OutboxTestDbContext db, ILogger<CounterConsumer> logger)
    : IdempotentConsumer<CounterIncremented, OutboxTestDbContext>(db, logger)
{
    /// <summary>Keys with this prefix fail once after their change was written, as a crash mid-transaction would.</summary>
    public const string FailOncePrefix = "fail-once-";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Failed = new();

    protected override async Task HandleAsync(CounterIncremented message, ConsumeContext<CounterIncremented> context)
    {
        await Increment(message);
        if (message.Key.StartsWith(FailOncePrefix, StringComparison.Ordinal) && Failed.TryAdd(message.Key, true))
        {
            await Db.SaveChangesAsync(context.CancellationToken);
            throw new InvalidOperationException("Simulated failure after the state change was written.");
        }
    }

    private async Task Increment(CounterIncremented message)
    {
        var counter = await Db.Counters.FindAsync(message.Key);
        if (counter is null)
        {
            Db.Counters.Add(new Counter { Key = message.Key, Value = 1 });
        }
        else
        {
            counter.Value++;
        }
    }
}

/// <summary>
/// Counts deliveries of <see cref="CounterIncremented"/> that the consumer finished, skipped duplicates
/// included: each delivery ends in exactly one successful consume (a failed attempt is retried until one
/// succeeds), so a test waits for the count instead of sleeping and hoping every copy has arrived.
/// </summary>
public sealed class FinishedDeliveries : IConsumeObserver
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is CounterIncremented)
        {
            Interlocked.Increment(ref _count);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

public sealed class CounterConsumerDefinition() : ReliefConsumerDefinition<CounterConsumer>(concurrentMessageLimit: 8);

public sealed class CounterBatchConsumer(OutboxTestDbContext db, ILogger<CounterBatchConsumer> logger)
    : IdempotentBatchConsumer<CounterBatchIncremented, OutboxTestDbContext>(db, logger)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Failed = new();

    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<CounterBatchIncremented>> messages, CancellationToken ct)
    {
        foreach (var message in messages.Select(m => m.Message))
        {
            var counter = await Db.Counters.FindAsync([message.Key], ct);
            if (counter is null)
            {
                Db.Counters.Add(new Counter { Key = message.Key, Value = 1 });
            }
            else
            {
                counter.Value++;
            }
        }

        // A batch holding a fail-once key fails after its changes were written, as a crash mid-transaction would.
        if (messages.Any(m => m.Message.Key.StartsWith(CounterConsumer.FailOncePrefix, StringComparison.Ordinal) && Failed.TryAdd(m.Message.Key, true)))
        {
            await Db.SaveChangesAsync(ct);
            throw new InvalidOperationException("Simulated failure after the batch's changes were written.");
        }
    }
}

/// <summary>
/// One "process" of a service that uses the outbox and inbox, built with the same ServiceDefaults
/// extensions the real services use. Disposing it is the process dying.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly FinishedDeliveries _finished = new();

    private TestService(IHost host) => _host = host;

    /// <summary>Waits until this process's consumer has finished this many deliveries of <see cref="CounterIncremented"/>.</summary>
    public Task WaitUntilConsumedAsync(int deliveries) =>
        Eventually.TrueAsync(() => Task.FromResult(_finished.Count >= deliveries), $"{deliveries} deliveries to be consumed");

    public IServiceProvider Services => _host.Services;

    public static async Task<TestService> StartAsync(string databaseConnectionString, string brokerConnectionString, string serviceName, bool relay = true, bool consume = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The first migration query fails by design (no history table yet): not worth a log line per test.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = databaseConnectionString,
            ["ConnectionStrings:messaging"] = brokerConnectionString,
            ["Messaging:Outbox:Enabled"] = relay ? "true" : "false",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:03",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:01",
        });
        builder.AddServiceDatabase<OutboxTestDbContext>("testdb");
        builder.AddServiceMessaging<OutboxTestDbContext>(serviceName, bus =>
        {
            if (consume)
            {
                bus.AddConsumer<CounterConsumer, CounterConsumerDefinition>();
                bus.AddConsumer<CounterBatchConsumer, ReliefBatchConsumerDefinition<CounterBatchConsumer>>();
            }
        });

        var host = builder.Build();
        var service = new TestService(host);
        host.Services.GetRequiredService<IBusControl>().ConnectConsumeObserver(service._finished);
        await host.StartAsync();

        // Services start without waiting for the broker; a test must not publish before its queue is bound.
        var health = await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (health != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException($"The test service's bus did not become healthy: {health}");
        }

        return service;
    }

    public async Task<T> WithDbAsync<T>(Func<OutboxTestDbContext, Task<T>> action)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Reads the test database directly, as an auditor would, without any service running.</summary>
public static class TestDatabase
{
    public static OutboxTestDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<OutboxTestDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);

    public static async Task<int> CounterAsync(string connectionString, string key)
    {
        await using var db = Open(connectionString);
        return await db.Counters.Where(c => c.Key == key).Select(c => c.Value).FirstOrDefaultAsync();
    }

    public static async Task<int> OutboxCountAsync(string connectionString)
    {
        await using var db = Open(connectionString);
        return await db.Set<OutboxMessage>().CountAsync();
    }
}
