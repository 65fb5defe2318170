using Aspire.Hosting.Testing;
using ReliefPlatform.IntegrationTests.Gateway;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;
using ReliefPlatform.IntegrationTests.Relief;

namespace ReliefPlatform.IntegrationTests.Replicas;

/// <summary>
/// Issue 23: the platform with two processes of every service, of the gateway and of the web frontend. Requests are
/// spread over them by the orchestrator's proxy, consumers of one service compete on its queues, and singular jobs
/// (the campaign runner, the bank round, scanners) run in whichever replica holds their lock.
/// </summary>
public sealed class ReplicatedPlatformFixture : PlatformFixture
{
    protected override int Replicas => 2;
}

[CollectionDefinition(Name)]
public sealed class ReplicatedCollection : ICollectionFixture<ReplicatedPlatformFixture>
{
    public const string Name = "replicated";
}

// The same tests as on one process each, on the replicated platform: the answers must be the same — one case per
// application, one payment per entitlement, one campaign line per recipient, each notice once.

/// <summary>The walkthrough from token to payment, its steps answered by either replica of each service and gateway.</summary>
[Collection(ReplicatedCollection.Name)]
public sealed class WalkthroughWithReplicas(ReplicatedPlatformFixture platform) : WalkthroughTests(platform);

/// <summary>The one-time subsidy, started twice, with two relief processes that could each run the campaign.</summary>
[Collection(ReplicatedCollection.Name)]
public sealed class CampaignWithReplicas(ReplicatedPlatformFixture platform) : CampaignTests(platform);

/// <summary>Concurrent applications and duplicates, with two consumers of every queue.</summary>
[Collection(ReplicatedCollection.Name)]
public sealed class ConcurrentPipelineWithReplicas(ReplicatedPlatformFixture platform) : ConcurrentPipelineTests(platform);

/// <summary>Each singular job is led by one replica: one PostgreSQL advisory lock of its name is held, whatever the number of processes.</summary>
[Collection(ReplicatedCollection.Name)]
public sealed class LeaderElectionTests(ReplicatedPlatformFixture platform)
{
    [Theory]
    [InlineData(ReliefPlatform.Contracts.ResourceNames.ReliefDb, "CampaignRunner")]
    [InlineData(ReliefPlatform.Contracts.ResourceNames.PaymentsDb, "BankWorker")]
    [InlineData(ReliefPlatform.Contracts.ResourceNames.PaymentsDb, "SandboxBankWorker")]
    [InlineData(ReliefPlatform.Contracts.ResourceNames.IntakeDb, "LeadOverdueScanner")]
    [InlineData(ReliefPlatform.Contracts.ResourceNames.EligibilityDb, "ScheduledRuns")]
    public async Task A_singular_job_has_exactly_one_leader(string database, string job)
    {
        var connectionString = await platform.App.GetConnectionStringAsync(database);
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // A bigint advisory lock shows in pg_locks as its high half (classid) and low half (objid).
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND ((classid::bigint << 32) | objid::bigint) = $1",
            connection) { Parameters = { new() { Value = ReliefPlatform.ServiceDefaults.Hosting.LeaderElection.KeyOf(job) } } };
        // Both replicas try every round; the lock admits one. (Eventually: the first round runs a moment after the start.)
        await Eventually.TrueAsync(async () => (long)(await command.ExecuteScalarAsync())! == 1, $"one leader of {job}");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }
}

/// <summary>A client's rate is counted once for both gateways: the buckets are in Redis, not in each gateway's memory.</summary>
[Collection(ReplicatedCollection.Name)]
public sealed class SharedRateLimitTests(ReplicatedPlatformFixture platform)
{
    [Fact]
    public async Task A_client_gets_its_rate_once_across_both_gateways()
    {
        using var throttled = platform.ClientFor(DevelopmentClients.Throttled);
        // A new connection for every request, so the orchestrator's proxy spreads them over both gateways.
        throttled.DefaultRequestHeaders.ConnectionClose = true;
        var statuses = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await throttled.GetAsync("/api/intake/applications?pageSize=1");
            statuses.Add(response.StatusCode);
        }

        // Five a minute, whichever gateway answered: counted per gateway, two gateways would have let up to ten through.
        Assert.InRange(statuses.Count(s => s == System.Net.HttpStatusCode.OK), 1, 5);
        Assert.Contains(System.Net.HttpStatusCode.TooManyRequests, statuses);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
            await platform.App.GetConnectionStringAsync(ReliefPlatform.Contracts.ResourceNames.Cache) ?? throw new InvalidOperationException("No cache."));
        Assert.True(await redis.GetDatabase().KeyExistsAsync("rl:tb:{client:dev-throttled:5}"), "the client's bucket is in Redis");
    }
}
