using ReliefPlatform.Contracts;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Intake;

public static class IntakeServiceExtensions
{
    public const string ServiceName = ResourceNames.Intake;

    public static IHostApplicationBuilder AddIntakeService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntakeDbContext>(ResourceNames.IntakeDb);
        // Shared fast store of the platform (idempotency keys, caches, locks).
        builder.AddRedisClient(ResourceNames.Cache);
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<IntakeDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<IntakeDbContext>();
        });
        return builder;
    }

    public static WebApplication MapIntakeApi(this WebApplication app)
    {
        app.MapWiringProbeApi<IntakeDbContext>(ServiceName, canSend: true);
        return app;
    }
}
