using ReliefPlatform.Contracts;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Relief;

public static class ReliefServiceExtensions
{
    public const string ServiceName = ResourceNames.Relief;

    public static IHostApplicationBuilder AddReliefService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReliefDbContext>(ResourceNames.ReliefDb);
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<ReliefDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<ReliefDbContext>();
        });
        return builder;
    }

    public static WebApplication MapReliefApi(this WebApplication app)
    {
        app.MapWiringProbeApi<ReliefDbContext>(ServiceName, canSend: false);
        return app;
    }
}
