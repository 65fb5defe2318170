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

    [Fact]
    public async Task A_fast_client_takes_its_permits_from_redis_a_slice_at_a_time_and_never_more_than_the_bucket_holds()
    {
        // 6,000 a minute: slices of ten. The shared bucket holds 25: two slices, then the last five one by one.
        var shared = new CountingLimiter(Bucket(25));
        var clock = new Clock();
        using var limiter = new SharedRateLimiter(Partitioned(shared), Partitioned(Bucket(1)), () => true, _logger, _ => new RateBucket("client:fast", 6000), clock);
        Assert.Equal(10, SharedRateLimiter.SliceOf(6000));

        var admitted = 0;
        for (var i = 0; i < 30; i++)
        {
            using var lease = await AcquireAsMiddlewareDoes(limiter);
            admitted += lease.IsAcquired ? 1 : 0;
        }

        Assert.Equal(25, admitted);
        Assert.Equal(2 + 1 + 5 + 5, shared.Asked); // two slices, a third refused, then the last five singly and five refused
    }

    [Fact]
    public async Task A_slice_left_over_is_dropped_after_its_second_and_a_slow_client_is_asked_a_request_at_a_time()
    {
        var shared = new CountingLimiter(Bucket(100));
        var clock = new Clock();
        using var limiter = new SharedRateLimiter(Partitioned(shared), Partitioned(Bucket(1)), () => true, _logger,
            http => http.Request.Path == "/slow" ? new RateBucket("client:slow", 1199) : new RateBucket("client:fast", 6000), clock);

        using (await AcquireAsMiddlewareDoes(limiter))
        {
        }

        clock.Advance(SharedRateLimiter.SliceLifetime);
        using (await AcquireAsMiddlewareDoes(limiter))
        {
        }

        Assert.Equal(2, shared.Asked);
        Assert.Equal(80, shared.Available); // the first slice's nine unused permits are spent, not handed out late

        var slow = new DefaultHttpContext();
        slow.Request.Path = "/slow";
        using (await AcquireAsMiddlewareDoes(limiter, slow))
        {
        }

        using (await AcquireAsMiddlewareDoes(limiter, slow))
        {
        }

        Assert.Equal(4, shared.Asked);
    }

    /// <summary>ASP.NET Core's middleware: a synchronous attempt first, then the asynchronous one.</summary>
    private static async ValueTask<RateLimitLease> AcquireAsMiddlewareDoes(SharedRateLimiter limiter, HttpContext? http = null)
    {
        http ??= new DefaultHttpContext();
        var lease = limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return await limiter.AcquireAsync(http);
    }

    private static TokenBucketRateLimiter Bucket(int tokens) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = tokens, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1), QueueLimit = 0, AutoReplenishment = false,
    });

    private static PartitionedRateLimiter<HttpContext> Partitioned(RateLimiter limiter) =>
        PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.Get("client:test", _ => limiter));

    /// <summary>A shared bucket that answers only asynchronously, as Redis does, counting how often it is asked.</summary>
    private sealed class CountingLimiter(TokenBucketRateLimiter bucket) : RateLimiter
    {
        public int Asked { get; private set; }

        public long Available => bucket.GetStatistics()!.CurrentAvailablePermits;

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => bucket.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(false);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Asked++;
            return ValueTask.FromResult(bucket.AttemptAcquire(permitCount));
        }
    }

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

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
