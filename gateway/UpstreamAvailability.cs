using System.Collections.Concurrent;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Gateway;

/// <summary>
/// Which services answer: each service's <c>/alive</c> is asked every second with a one-second
/// timeout, and a service that missed <see cref="Threshold"/> probes in a row is down until it answers
/// again. The gateway then refuses calls to it at once (503, <c>Retry-After</c>) instead of letting
/// each one wait out the upstream timeout: outside testing saw every call to a killed service hang
/// 30 s and end in 504. (YARP's own active checks were tried first: behind the orchestrator's proxy
/// and service discovery, its destinations never left "healthy" although every probe failed.)
/// </summary>
public sealed class UpstreamAvailability(IHttpClientFactory http, ILogger<UpstreamAvailability> logger) : BackgroundService
{
    public const string ClientName = "upstream-probe";
    public const int Threshold = 2;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, int> _missed = new(StringComparer.Ordinal);

    public bool IsDown(string service) => _missed.TryGetValue(service, out var missed) && missed >= Threshold;

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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(Interval);
        try
        {
            using var client = http.CreateClient(ClientName);
            using var response = await client.GetAsync(new Uri($"http://{service}{ServiceDefaultsExtensions.AlivenessEndpointPath}"), timeout.Token);
            answered = response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            answered = false;
        }

        var wasDown = IsDown(service);
        var missed = _missed.AddOrUpdate(service, answered ? 0 : 1, (_, before) => answered ? 0 : before + 1);
        if (!wasDown && missed >= Threshold)
        {
            logger.LogWarning("{Service} missed {Missed} liveness probes: calls to it are answered 503 until it answers again", service, missed);
        }
        else if (wasDown && answered)
        {
            logger.LogInformation("{Service} answers again", service);
        }
    }
}
