using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReliefPlatform.Contracts.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.ServiceDefaults.Diagnostics;

/// <summary>Records a probe's arrival in the receiving service's own database, once.</summary>
public sealed class WiringProbeConsumer<TDbContext>(TDbContext db, WiringProbeIdentity identity, TimeProvider clock, ILogger<WiringProbeConsumer<TDbContext>> logger)
    : IdempotentConsumer<WiringProbeSent, TDbContext>(db, logger)
    where TDbContext : DbContext
{
    protected override string ConsumerName => "wiring-probe";

    protected override Task HandleAsync(WiringProbeSent message, ConsumeContext<WiringProbeSent> context)
    {
        Db.Set<WiringProbe>().Add(new WiringProbe
        {
            ProbeId = message.ProbeId,
            Service = identity.ServiceName,
            Direction = WiringProbeDirection.Received,
            SentAt = message.SentAt,
            RecordedAt = clock.GetUtcNow(),
            CorrelationId = CorrelationContext.Current,
            Note = message.Note,
        });
        return Task.CompletedTask;
    }
}

public sealed class WiringProbeConsumerDefinition<TDbContext> : ReliefConsumerDefinition<WiringProbeConsumer<TDbContext>>
    where TDbContext : DbContext
{
    // Every service needs its own copy of a probe, so the queue is named after the service.
    public WiringProbeConsumerDefinition(WiringProbeIdentity identity)
        : base(concurrentMessageLimit: 4)
    {
        ArgumentNullException.ThrowIfNull(identity);
        EndpointName = $"{identity.ServiceName}-wiring-probe";
    }
}

/// <summary>The name of the service a probe is recorded by.</summary>
public sealed record WiringProbeIdentity(string ServiceName);
