using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReliefPlatform.Contracts;
using ReliefPlatform.ServiceDefaults.Diagnostics;

namespace ReliefPlatform.Gateway;

/// <summary>
/// Which services answer: each service's <c>/alive</c> is asked every second with a one-second
/// timeout, and a service that missed <see cref="Threshold"/> probes in a row is down until it answers
/// again. A probe that finds nobody listening (refused, reset) counts at once; one that only waits out
/// its second counts towards <see cref="SlowThreshold"/>: a service starved of CPU for a few seconds is
/// busy, not down (a CI run on two cores saw relief declared down, and a test's call answered 503, while
/// relief was merely slow). The gateway then refuses calls to a down service at once (503, <c>Retry-After</c>) instead of letting
/// each one wait out the upstream timeout: outside testing saw every call to a killed service hang
/// 30 s and end in 504. (YARP's own active checks were tried first: behind the orchestrator's proxy
/// and service discovery, its destinations never left "healthy" although every probe failed.)
/// </summary>
public sealed class UpstreamAvailability(IHttpClientFactory http, ILogger<UpstreamAvailability> logger) : BackgroundService
{
    public const string ClientName = "upstream-probe";
    public const int Threshold = 2;

    /// <summary>Probes in a row that time out before a service that accepts connections counts as down.</summary>
    public const int SlowThreshold = 6;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Misses> _missed = new(StringComparer.Ordinal);

    /// <summary>The services that have answered since the gateway started (it starts beside them, not after them).</summary>
    private readonly ConcurrentDictionary<string, bool> _answered = new(StringComparer.Ordinal);

    /// <summary>The services that have not answered a probe yet since the gateway started.</summary>
    public IReadOnlyList<string> NotAnsweredYet => [.. ResourceNames.Services.Select(s => s.Service).Where(s => !_answered.ContainsKey(s))];

    /// <summary>Probes missed in a row: those nobody answered (refused, reset), and all, timeouts included.</summary>
    private readonly record struct Misses(int Refused, int Any)
    {
        public bool Down => Refused >= Threshold || Any >= SlowThreshold;
    }

    public bool IsDown(string service) => _missed.TryGetValue(service, out var missed) && missed.Down;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await Task.WhenAll(ResourceNames.Services.Select(s => ProbeAsync(s.Service, stoppingToken)));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProbeAsync(string service, CancellationToken stoppingToken)
    {
        bool answered;
        var refused = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(Interval);
        try
        {
            using var client = http.CreateClient(ClientName);
            using var response = await client.GetAsync(new Uri($"http://{service}{ServiceDefaultsExtensions.AlivenessEndpointPath}"), timeout.Token);
            answered = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            answered = false;
            refused = true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            answered = false;
        }

        var wasDown = IsDown(service);
        var first = answered ? default : new Misses(refused ? 1 : 0, 1);
        var missed = _missed.AddOrUpdate(service, first,
            (_, before) => answered ? default : new Misses(refused ? before.Refused + 1 : 0, before.Any + 1));
        if (!_answered.ContainsKey(service))
        {
            // Still starting, not missing: the gateway's readiness says so (UpstreamsReadyHealthCheck).
            if (answered && _answered.TryAdd(service, true))
            {
                logger.LogInformation("{Service} answers: calls to it are forwarded", service);
            }
        }
        else if (!wasDown && missed.Down)
        {
            logger.LogWarning(LogEvents.UpstreamMissingProbes, "{Service} missed {Missed} liveness probes: calls to it are answered 503 until it answers again", service, missed.Any);
        }
        else if (wasDown && answered)
        {
            logger.LogInformation("{Service} answers again", service);
        }
    }
}

/// <summary>
/// The gateway is ready once every service has answered it since it started (issue 22, target 4: it starts beside the
/// services instead of after them). Later outages do not make it unready: a service down is answered 503 with
/// <c>Retry-After</c> per call, and the other services stay reachable.
/// </summary>
public sealed class UpstreamsReadyHealthCheck(UpstreamAvailability upstreams) : IHealthCheck
{
    public const string Name = "upstreams";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(upstreams.NotAnsweredYet is { Count: > 0 } waiting
            ? HealthCheckResult.Unhealthy($"Not answered yet: {string.Join(", ", waiting)}")
            : HealthCheckResult.Healthy("Every service has answered"));
}
