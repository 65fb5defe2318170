using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ReliefPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Whether an outside connector (the bank, the SMS provider) answers (issue 24). Each call records whether the
/// other side answered; a refusal it gives (a number the carrier does not know, a line the bank rejects) is an
/// answer. After <see cref="FailuresBeforeDegraded"/> calls in a row without one the service's health is Degraded,
/// naming the connector and its last error, until it answers again: work waits and is retried, but someone must look.
/// </summary>
public sealed class ConnectorStatus(string name, int failuresBeforeDegraded)
{
    private static readonly Meter Meter = new("ReliefPlatform.Connectors");
    private static readonly ConcurrentDictionary<string, ConnectorStatus> All = new(StringComparer.Ordinal);
    private long _consecutiveFailures;
    private string? _lastError;

    static ConnectorStatus() => Meter.CreateObservableGauge("reliefplatform.connector.consecutive_failures",
        () => All.Values.Select(c => new Measurement<long>(c.ConsecutiveFailures, new KeyValuePair<string, object?>("connector", c.Name))), "{call}",
        "Calls in a row the bank or SMS connector did not answer; 0 once it answers.");

    public string Name { get; } = name;

    public int FailuresBeforeDegraded { get; } = failuresBeforeDegraded;

    public long ConsecutiveFailures => Interlocked.Read(ref _consecutiveFailures);

    public string? LastError => Volatile.Read(ref _lastError);

    public void Answered() => Interlocked.Exchange(ref _consecutiveFailures, 0);

    /// <summary>The connector did not answer: an exception, a timeout, a 5xx. The error is kept for the health description (no personal data in it).</summary>
    public void Failed(string error)
    {
        Volatile.Write(ref _lastError, error);
        Interlocked.Increment(ref _consecutiveFailures);
    }

    /// <summary>The rule, unit-tested.</summary>
    public HealthCheckResult Assess()
    {
        var failures = ConsecutiveFailures;
        var data = new Dictionary<string, object> { ["consecutive_failures"] = failures };
        return failures >= FailuresBeforeDegraded
            ? HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture,
                $"The {Name} connector failed {failures} times in a row (last: {LastError}); the work waits and is retried."), data: data)
            : HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"The {Name} connector answers."), data);
    }

    internal void Register() => All[Name] = this;
}

public static class ConnectorHealthExtensions
{
    /// <summary>Configuration key of the calls in a row without an answer after which health is Degraded (default 3).</summary>
    public const string FailuresBeforeDegradedKey = "Connectors:FailuresBeforeDegraded";

    /// <summary>A <see cref="ConnectorStatus"/> for <paramref name="name"/> (keyed by it) and its health check.</summary>
    public static IHostApplicationBuilder AddConnectorHealth(this IHostApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var status = new ConnectorStatus(name, builder.Configuration.GetValue(FailuresBeforeDegradedKey, 3));
        status.Register();
        builder.Services.AddKeyedSingleton(name, status);
        builder.Services.AddHealthChecks().AddCheck($"connector-{name}", () => status.Assess());
        return builder;
    }
}
