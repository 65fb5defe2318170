using ReliefPlatform.Contracts;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Payments;

public static class PaymentsServiceExtensions
{
    public const string ServiceName = ResourceNames.Payments;

    public static IHostApplicationBuilder AddPaymentsService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PaymentsDbContext>(ResourceNames.PaymentsDb);
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<PaymentsDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<PaymentsDbContext>();
        });
        return builder;
    }

    public static WebApplication MapPaymentsApi(this WebApplication app)
    {
        app.MapWiringProbeApi<PaymentsDbContext>(ServiceName, canSend: false);
        return app;
    }
}
