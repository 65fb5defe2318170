using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using ReliefPlatform.Gateway.Protection;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using StackExchange.Redis;

namespace ReliefPlatform.UnitTests.Security;

/// <summary>Issue 23: the gateways' shared rate limits, and what one gateway does while Redis does not answer.</summary>
public sealed class SharedRateLimiterTests
{
    private readonly RecordingLogger<SharedRateLimiter> _logger = new();

    [Fact]
    public async Task While_redis_fails_the_gateway_counts_alone_and_says_so_once_each_way()
    {
        var redis = new FlakyLimiter { Failing = true };
        using var limiter = new SharedRateLimiter(Partitioned(redis), Partitioned(Bucket(2)), () => true, _logger);
        var http = new DefaultHttpContext();

        // Redis fails: the gateway's own bucket of two answers — requests are served, not failed, and still limited.
        var leases = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            using var lease = await limiter.AcquireAsync(http);
            leases.Add(lease.IsAcquired);
        }

        Assert.Equal([true, true, false], leases);
        Assert.Single(_logger.Lines, l => l.Id == LogEvents.RateLimitsLocal);

        redis.Failing = false;
        using (var back = await limiter.AcquireAsync(http))
        {
            Assert.True(back.IsAcquired, "Redis answers again: its bucket decides");
        }

        using (await limiter.AcquireAsync(http))
        {
        }

        Assert.Single(_logger.Lines, l => l.Id == LogEvents.RateLimitsShared);
        Assert.Equal(2, redis.Asked);
    }

    [Fact]
    public async Task A_disconnected_redis_is_not_asked_so_no_request_waits_for_its_timeout()
    {
        var redis = new FlakyLimiter();
        using var limiter = new SharedRateLimiter(Partitioned(redis), Partitioned(Bucket(10)), () => false, _logger);

        using var lease = await limiter.AcquireAsync(new DefaultHttpContext());

        Assert.True(lease.IsAcquired);
        Assert.Equal(0, redis.Asked);
        Assert.Single(_logger.Lines, l => l.Id == LogEvents.RateLimitsLocal);
    }

    [Fact]
    public async Task Without_a_redis_the_gateway_counts_alone_without_a_warning()
    {
        using var limiter = new SharedRateLimiter(null, Partitioned(Bucket(1)), () => true, _logger);

        using var first = await limiter.AcquireAsync(new DefaultHttpContext());
        using var second = await limiter.AcquireAsync(new DefaultHttpContext());

        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
        Assert.DoesNotContain(_logger.Lines, l => l.Id == LogEvents.RateLimitsLocal);
    }

    private static TokenBucketRateLimiter Bucket(int tokens) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = tokens, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1), QueueLimit = 0, AutoReplenishment = false,
    });

    private static PartitionedRateLimiter<HttpContext> Partitioned(RateLimiter limiter) =>
        PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.Get("client:test", _ => limiter));

    /// <summary>A Redis bucket that answers only asynchronously (as RedisRateLimiting's), or throws as a lost connection does.</summary>
    private sealed class FlakyLimiter : RateLimiter
    {
        public bool Failing { get; set; }

        public int Asked { get; private set; }

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(false);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "connection lost");
            }

            Asked++;
            return ValueTask.FromResult<RateLimitLease>(new Lease(true));
        }

        private sealed class Lease(bool acquired) : RateLimitLease
        {
            public override bool IsAcquired => acquired;

            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }
}
