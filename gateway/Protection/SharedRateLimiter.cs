using System.Threading.RateLimiting;
using RedisRateLimiting;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using StackExchange.Redis;

namespace ReliefPlatform.Gateway.Protection;

/// <summary>A rate limit's bucket: its name (the client or the address) and its requests a minute.</summary>
public readonly record struct RateBucket(string Key, int PerMinute);

/// <summary>
/// The gateway's rate limits counted once for all its replicas (issue 23): each bucket is a token bucket in Redis
/// (RedisRateLimiting's, one atomic script a request), so N gateways give a client its rate once, not N times.
/// When Redis does not answer, each gateway counts on its own, as one gateway always did — the limit then holds per
/// gateway — rather than refusing or failing requests: a rate limit protects the platform, Redis being away must not
/// take the platform away from the province. The switch is logged once each way (events 5003 / 5004).
/// </summary>
public sealed class SharedRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly PartitionedRateLimiter<HttpContext> _shared;
    private readonly PartitionedRateLimiter<HttpContext> _local;
    private readonly Func<bool> _sharedReachable;
    private readonly ILogger _logger;
    private int _counting; // 0: in Redis; 1: locally

    public SharedRateLimiter(Func<HttpContext, RateBucket?> bucketOf, IConnectionMultiplexer? redis, ILogger logger)
        : this(
            redis is null ? null : PartitionedRateLimiter.Create<HttpContext, string>(http => bucketOf(http) is { } bucket
                ? RedisRateLimitPartition.GetTokenBucketRateLimiter(bucket.Key, _ => Shared(bucket.PerMinute, redis))
                : RateLimitPartition.GetNoLimiter("unlimited")),
            PartitionedRateLimiter.Create<HttpContext, string>(http => bucketOf(http) is { } bucket
                ? RateLimitPartition.GetTokenBucketLimiter(bucket.Key, _ => Local(bucket.PerMinute))
                : RateLimitPartition.GetNoLimiter("unlimited")),
            () => redis?.IsConnected == true,
            logger)
    {
    }

    /// <summary>For tests: any two limiters, and what says whether the shared one can be asked.</summary>
    public SharedRateLimiter(PartitionedRateLimiter<HttpContext>? shared, PartitionedRateLimiter<HttpContext> local, Func<bool> sharedReachable, ILogger logger)
    {
        _shared = shared ?? local;
        _local = local;
        _sharedReachable = shared is null ? () => true : sharedReachable;
        _logger = logger;
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _local.GetStatistics(resource);

    // The shared buckets answer only asynchronously (a round trip to Redis): a synchronous attempt is refused, and
    // ASP.NET Core's middleware then asks AcquireAsync. An unlimited request is admitted here at once.
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        _sharedReachable() ? _shared.AttemptAcquire(resource, permitCount) : _local.AttemptAcquire(resource, permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        // Not connected: the multiplexer knows at once, so no request waits out a command timeout.
        if (!_sharedReachable())
        {
            CountingLocally(null);
            return await _local.AcquireAsync(resource, permitCount, cancellationToken);
        }

        try
        {
            var lease = await _shared.AcquireAsync(resource, permitCount, cancellationToken);
            if (Interlocked.Exchange(ref _counting, 0) == 1)
            {
                _logger.LogInformation(LogEvents.RateLimitsShared, "Rate limits are counted in Redis again, once for every gateway");
            }

            return lease;
        }
        catch (RedisException exception)
        {
            CountingLocally(exception);
            return await _local.AcquireAsync(resource, permitCount, cancellationToken);
        }
    }

    private void CountingLocally(Exception? exception)
    {
        if (Interlocked.Exchange(ref _counting, 1) == 0)
        {
            _logger.LogWarning(LogEvents.RateLimitsLocal, exception,
                "Redis does not answer: rate limits are counted by this gateway alone until it does (each gateway admits a client's full rate)");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
            if (!ReferenceEquals(_shared, _local))
            {
                _shared.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static RedisTokenBucketRateLimiterOptions Shared(int perMinute, IConnectionMultiplexer redis)
    {
        var (tokens, period) = Refill(perMinute);
        return new RedisTokenBucketRateLimiterOptions { ConnectionMultiplexerFactory = () => redis, TokenLimit = perMinute, TokensPerPeriod = tokens, ReplenishmentPeriod = period };
    }

    private static TokenBucketRateLimiterOptions Local(int perMinute)
    {
        var (tokens, period) = Refill(perMinute);
        return new TokenBucketRateLimiterOptions { TokenLimit = perMinute, TokensPerPeriod = tokens, ReplenishmentPeriod = period, QueueLimit = 0, AutoReplenishment = true };
    }

    /// <summary>Refilled every second, so a client spends its minute evenly rather than in one burst.</summary>
    private static (int Tokens, TimeSpan Period) Refill(int perMinute) =>
        perMinute < 60 ? (1, TimeSpan.FromSeconds(60.0 / perMinute)) : (perMinute / 60, TimeSpan.FromSeconds(1));
}
