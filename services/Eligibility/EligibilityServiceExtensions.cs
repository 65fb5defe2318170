using ReliefPlatform.Contracts;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Eligibility;

public static class EligibilityServiceExtensions
{
    public const string ServiceName = ResourceNames.Eligibility;

    public static IHostApplicationBuilder AddEligibilityService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EligibilityDbContext>(ResourceNames.EligibilityDb);
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<EligibilityDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<EligibilityDbContext>();
        });
        return builder;
    }

    public static WebApplication MapEligibilityApi(this WebApplication app)
    {
        app.MapWiringProbeApi<EligibilityDbContext>(ServiceName, canSend: false);
        return app;
    }
}
