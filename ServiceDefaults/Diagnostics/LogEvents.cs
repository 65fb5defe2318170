using Microsoft.Extensions.Logging;

namespace ReliefPlatform.ServiceDefaults.Diagnostics;

/// <summary>
/// The event ids of the platform's warnings and errors (issue 24): an operator filters the dashboard's logs by
/// them and the runbook names them. 1xxx messaging, 2xxx workers and connectors, 3xxx money, 4xxx notices and
/// cases, 5xxx the gateway.
/// </summary>
public static class LogEvents
{
    public static readonly EventId OutboxRelayDisabled = new(1001, "OutboxRelayDisabled");
    public static readonly EventId OutboxRelayFailed = new(1002, "OutboxRelayFailed");
    public static readonly EventId OutboxPartlyConfirmed = new(1003, "OutboxPartlyConfirmed");
    public static readonly EventId OutboxRelayRecovered = new(1004, "OutboxRelayRecovered");
    public static readonly EventId UnknownSubject = new(1010, "UnknownSubject");
    public static readonly EventId MigrationRetried = new(1020, "MigrationRetried");
    public static readonly EventId PartitionCreated = new(1021, "PartitionCreated");
    public static readonly EventId PartitionHeldByDefault = new(1022, "PartitionHeldByDefault");

    public static readonly EventId HealthUnhealthy = new(1030, "HealthUnhealthy");
    public static readonly EventId HealthDegraded = new(1031, "HealthDegraded");
    public static readonly EventId HealthRecovered = new(1032, "HealthRecovered");

    public static readonly EventId WorkerFailed = new(2001, "WorkerFailed");
    public static readonly EventId WorkerRecovered = new(2002, "WorkerRecovered");

    public static readonly EventId BatchHeld = new(3001, "BatchHeld");
    public static readonly EventId BankRefusedFile = new(3002, "BankRefusedFile");

    public static readonly EventId DeliveryRetrying = new(4001, "DeliveryRetrying");
    public static readonly EventId DeliveryDeadLettered = new(4002, "DeliveryDeadLettered");
    public static readonly EventId ReviewsOverdue = new(4010, "ReviewsOverdue");

    public static readonly EventId UpstreamMissingProbes = new(5001, "UpstreamMissingProbes");
    public static readonly EventId SignInLockedOut = new(5002, "SignInLockedOut");
    public static readonly EventId RateLimitsLocal = new(5003, "RateLimitsLocal");
    public static readonly EventId RateLimitsShared = new(5004, "RateLimitsShared");
}

/// <summary>
/// "Once per real failure": the first failure of a repeating job is an error with its exception; while it goes
/// on failing (a database restarting, a share unmounted) each retry is Debug only, and the first success after
/// says, once, that it works again and after how many attempts. An outage is two lines, not one a second.
/// </summary>
public sealed class RepeatedFailure(ILogger logger, EventId failed, EventId recovered)
{
    public int Failures { get; private set; }

    public void Failed(Exception exception, string activity)
    {
        Failures++;
        if (Failures == 1)
        {
            logger.LogError(failed, exception, "{Activity} failed; it is retried, and this is logged again only when it works", activity);
        }
        else
        {
            logger.LogDebug(failed, exception, "{Activity} failed again ({Failures} in a row)", activity, Failures);
        }
    }

    public void Succeeded(string activity)
    {
        if (Failures > 0)
        {
            logger.LogInformation(recovered, "{Activity} works again after {Failures} failed attempts", activity, Failures);
            Failures = 0;
        }
    }
}
