using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ with the platform's conventions, and the outbox relay of
    /// <typeparamref name="TDbContext"/>. Queues are named <c>{service}-{consumer}</c> in kebab case, so
    /// replicas of one service compete on its queues while every service gets its own copy of an event.
    /// Call after <see cref="Data.ServiceDatabaseExtensions.AddServiceDatabase{TDbContext}"/> so that
    /// migrations run before the relay and the bus start.
    /// </summary>
    /// <summary>Configuration key: <c>true</c> makes every receive endpoint's queue a quorum queue (production, three broker nodes).</summary>
    public const string QuorumQueuesKey = "Messaging:QuorumQueues";

    public static IHostApplicationBuilder AddServiceMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null,
        string connectionName = ResourceNames.Messaging) where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Run the service through the AppHost, or set it to an amqp:// URI.");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        builder.Services.AddScoped<OutboxRelay<TDbContext>>();
        builder.Services.AddHostedService<OutboxDispatcher<TDbContext>>();
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.SectionName);
        builder.Services.AddHostedService<InboxPruner<TDbContext>>();

        // Production (issue 23): every queue a quorum queue, replicated over the broker's three nodes, so a message
        // survives a node; local runs and tests keep classic durable queues on their single node.
        var quorumQueues = builder.Configuration.GetValue<bool>(QuorumQueuesKey);
        builder.Services.AddOptions<QueueHealthOptions>().BindConfiguration(QueueHealthOptions.SectionName);
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<ConsumerQueues>(services, connectionString));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configureConsumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
            {
                // Every consumer queue is watched for depth and dead letters (issue 24).
                context.GetRequiredService<ConsumerQueues>().Add(queueName);
                if (quorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    rabbitEndpoint.SetQuorumQueue();
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                // MassTransit indents its JSON by default: spaces and a line break around every property of every
                // line of a batch, which the broker carries and every consuming service parses (issue 22).
                rabbit.ConfigureJsonSerializerOptions(options =>
                {
                    options.WriteIndented = false;
                    return options;
                });
                // Messages travel as the message's own JSON, its ids and types in the transport's headers, not inside
                // MassTransit's envelope: reading an envelope parses the message a second time (once as part of the
                // envelope document, again as its own element) before turning it into the record. The envelope
                // reader stays registered, so messages already queued in the old format are still read.
                rabbit.UseRawJsonSerializer(RawSerializerOptions.Default, isDefault: true);
                // Publisher confirms: a publish completes only once the broker has the message (the outbox row is deleted after it).
                rabbit.Host(new Uri(connectionString), host => host.PublisherConfirmation = true);
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddSingleton(new BrokerHealthCheck(connectionString));
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>(BrokerHealthCheck.Name, HealthStatus.Unhealthy)
            .AddCheck<OutboxHealthCheck<TDbContext>>(OutboxHealthCheck<TDbContext>.Name, HealthStatus.Degraded)
            .AddCheck<ConsumerQueuesHealthCheck>(ConsumerQueuesHealthCheck.Name, HealthStatus.Degraded);

        // The service starts (and reports unhealthy) while the broker is down, instead of hanging at start.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(10);
        });

        return builder;
    }
}
