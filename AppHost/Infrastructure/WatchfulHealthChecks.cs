using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>
/// Issue 22, target 4 (the start): Aspire asks a resource that is not healthy yet again after 1, 2, 3, 4 and then
/// every 5 seconds, so a service that turned healthy went unseen for up to 5 s — and whatever waited for it (the
/// services for the broker, the harness and the tests for everything) waited as long. Until the resource is first
/// healthy, this check looks again every <paramref name="step"/> for up to <see cref="Patience"/> before it answers;
/// from then on it answers at once, as any check, so a later outage shows on the dashboard without delay.
/// One instance per resource: it remembers that the resource was healthy once.
/// </summary>
/// <param name="step">
/// A quarter of a second for a connection (PostgreSQL, the broker); a second for a service's <c>/health</c>, which runs all of
/// its checks: asked four times a second, seven starting services spent the start answering (measured: 18 s instead of 13).
/// </param>
public sealed class WatchfulHealthCheck(IHealthCheck inner, TimeSpan step) : IHealthCheck
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private volatile bool _wasHealthy;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var result = await inner.CheckHealthAsync(context, cancellationToken);
            if (result.Status == HealthStatus.Healthy)
            {
                _wasHealthy = true;
                return result;
            }

            if (_wasHealthy || Stopwatch.GetElapsedTime(started) + step >= Patience)
            {
                return result;
            }

            await Task.Delay(step, cancellationToken);
        }
    }
}

/// <summary>A resource's HTTP endpoint answers <paramref name="path"/> with 200 (what Aspire's own HTTP health check asks).</summary>
public sealed class HttpOkHealthCheck(Func<Uri?> uri) : IHealthCheck
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (uri() is not { } address)
        {
            return HealthCheckResult.Unhealthy("The endpoint is not allocated yet.");
        }

        try
        {
            using var response = await Client.GetAsync(address, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{address} answered {(int)response.StatusCode}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The reason without its stack: a starting or stopped service is expected, not an error of the AppHost's.
            return HealthCheckResult.Unhealthy($"{address} does not answer ({exception.Message}).");
        }
    }
}

/// <summary>A PostgreSQL database accepts a connection and answers a query.</summary>
public sealed class PostgresHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } value)
        {
            return HealthCheckResult.Unhealthy("The connection string is not available yet.");
        }

        try
        {
            await using var connection = new NpgsqlConnection(value);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not accept connections ({exception.Message}).");
        }
    }
}

public static class WatchfulHealthCheckExtensions
{
    /// <summary>Registers <paramref name="check"/> under <paramref name="key"/>, looked at closely until first healthy (<see cref="WatchfulHealthCheck"/>).</summary>
    public static IDistributedApplicationBuilder AddWatchfulHealthCheck(this IDistributedApplicationBuilder builder, string key, IHealthCheck check, TimeSpan? step = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var watchful = new WatchfulHealthCheck(check, step ?? TimeSpan.FromMilliseconds(250));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => watchful, failureStatus: null, tags: null));
        return builder;
    }

    /// <summary>
    /// As Aspire's <c>WithHttpHealthCheck</c> (200 on <paramref name="path"/> of the <c>http</c> endpoint, under the same key), but
    /// watchful until first healthy: the start sees a service as soon as it answers.
    /// </summary>
    public static IResourceBuilder<T> WithWatchfulHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path) where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        var endpoint = builder.Resource.GetEndpoint("http");
        Uri? uri = null;
        builder.OnBeforeResourceStarted((_, _, _) =>
        {
            uri = new Uri(new Uri(endpoint.Url, UriKind.Absolute), path);
            return Task.CompletedTask;
        });
        var key = $"{builder.Resource.Name}_{endpoint.EndpointName}_{path}_200_check";
        builder.ApplicationBuilder.AddWatchfulHealthCheck(key, new HttpOkHealthCheck(() => uri), TimeSpan.FromSeconds(1));
        return builder.WithHealthCheck(key);
    }
}
