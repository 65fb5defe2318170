using MassTransit;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Retry and concurrency every consumer starts from; a consumer's own definition derives from this
/// and changes what its work needs. Retries are immediate-then-backing-off for transient failures
/// (a deadlock, a restarted database); after them the message goes to the <c>_error</c> queue, where
/// operators see it on the dashboard and can move it back.
/// </summary>
public class ReliefConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public ReliefConsumerDefinition(int concurrentMessageLimit = 8)
    {
        ConcurrentMessageLimit = concurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        Retry(endpointConfigurator);
    }

    /// <summary>The platform's retries of a consumer: six, from 100 ms to 10 s apart, then the error queue.</summary>
    internal static void Retry(IReceiveEndpointConfigurator endpointConfigurator)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(retry => retry.Exponential(
            retryLimit: 6,
            minInterval: TimeSpan.FromMilliseconds(100),
            maxInterval: TimeSpan.FromSeconds(10),
            intervalDelta: TimeSpan.FromMilliseconds(200)));
    }
}
