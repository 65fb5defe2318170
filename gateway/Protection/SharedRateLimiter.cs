using System.Collections.Concurrent;
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
    private readonly Func<HttpContext, RateBucket?>? _bucketOf;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Slice> _slices = new(StringComparer.Ordinal);
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
            logger,
            bucketOf)
    {
    }

    /// <summary>
    /// For tests: any two limiters, and what says whether the shared one can be asked; with <paramref name="bucketOf"/>,
    /// a fast bucket's permits are taken from the shared one a slice at a time (<see cref="SliceOf"/>).
    /// </summary>
    public SharedRateLimiter(PartitionedRateLimiter<HttpContext>? shared, PartitionedRateLimiter<HttpContext> local, Func<bool> sharedReachable, ILogger logger,
        Func<HttpContext, RateBucket?>? bucketOf = null, TimeProvider? clock = null)
    {
        _shared = shared ?? local;
        _local = local;
        _sharedReachable = shared is null ? () => true : sharedReachable;
        _logger = logger;
        _bucketOf = shared is null ? null : bucketOf;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// How many permits a gateway takes from Redis at once for a bucket of <paramref name="perMinute"/>: a tenth of a
    /// second of its refill (issue 22: one Redis script a request was a tenth of the gateway's CPU, and a round trip in
    /// every request's time). The permits are spent in Redis when taken, so the limit still holds once for all
    /// gateways — never more admitted; at most a slice per gateway goes unused when its second runs out. Buckets of
    /// fewer than 1,200 a minute (the anonymous addresses, slow clients) are asked a request at a time, as before.
    /// </summary>
    public static int SliceOf(int perMinute) => Math.Max(1, perMinute / 600);

    /// <summary>How long a gateway may hand out the rest of a slice before it is dropped (the bucket's refill period).</summary>
    public static readonly TimeSpan SliceLifetime = TimeSpan.FromSeconds(1);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _local.GetStatistics(resource);

    // The shared buckets answer only asynchronously (a round trip to Redis): a synchronous attempt is refused, and
    // ASP.NET Core's middleware then asks AcquireAsync. An unlimited request is admitted here at once.
    // A slice this gateway holds answers at once as well.
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (!_sharedReachable())
        {
            return _local.AttemptAcquire(resource, permitCount);
        }

        return _bucketOf?.Invoke(resource) is { } bucket && _slices.TryGetValue(bucket.Key, out var slice) && slice.TryTake(permitCount, _clock.GetUtcNow())
            ? Admitted.Lease
            : _shared.AttemptAcquire(resource, permitCount);
    }

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
            var lease = _bucketOf?.Invoke(resource) is { } bucket && SliceOf(bucket.PerMinute) is > 1 and var slice
                ? await AcquireFromSliceAsync(resource, bucket.Key, slice, permitCount, cancellationToken)
                : await _shared.AcquireAsync(resource, permitCount, cancellationToken);
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

    private async ValueTask<RateLimitLease> AcquireFromSliceAsync(HttpContext resource, string key, int size, int permitCount, CancellationToken cancellationToken)
    {
        var slice = _slices.GetOrAdd(key, _ => new Slice());
        if (slice.TryTake(permitCount, _clock.GetUtcNow()))
        {
            return Admitted.Lease;
        }

        if (permitCount < size && !slice.IsLow(_clock.GetUtcNow()))
        {
            using var taken = await _shared.AcquireAsync(resource, size, cancellationToken);
            if (taken.IsAcquired)
            {
                slice.Refill(size - permitCount, _clock.GetUtcNow() + SliceLifetime);
                return Admitted.Lease;
            }

            // Less than a slice left: the client is at its limit; for a slice's lifetime it is asked for one request's
            // permits at a time (one round trip each, not two), so the last permits are not lost either.
            slice.MarkLow(_clock.GetUtcNow() + SliceLifetime);
        }

        return await _shared.AcquireAsync(resource, permitCount, cancellationToken);
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

    /// <summary>What is left of the permits this gateway took from the shared bucket, and until when it may hand them out.</summary>
    private sealed class Slice
    {
        private readonly Lock _gate = new();
        private int _left;
        private DateTimeOffset _until;
        private DateTimeOffset _lowUntil;

        public bool TryTake(int permits, DateTimeOffset now)
        {
            lock (_gate)
            {
                if (now >= _until || _left < permits)
                {
                    return false;
                }

                _left -= permits;
                return true;
            }
        }

        public void Refill(int permits, DateTimeOffset until)
        {
            lock (_gate)
            {
                _left = permits;
                _until = until;
            }
        }

        public bool IsLow(DateTimeOffset now)
        {
            lock (_gate)
            {
                return now < _lowUntil;
            }
        }

        public void MarkLow(DateTimeOffset until)
        {
            lock (_gate)
            {
                _lowUntil = until;
            }
        }
    }

    private sealed class Admitted : RateLimitLease
    {
        public static readonly RateLimitLease Lease = new Admitted();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
