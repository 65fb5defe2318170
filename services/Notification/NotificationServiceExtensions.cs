using ReliefPlatform.Contracts;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Notification;

public static class NotificationServiceExtensions
{
    public const string ServiceName = ResourceNames.Notification;

    public static IHostApplicationBuilder AddNotificationService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationDbContext>(ResourceNames.NotificationDb);
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<NotificationDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<NotificationDbContext>();
        });
        return builder;
    }

    public static WebApplication MapNotificationApi(this WebApplication app)
    {
        app.MapWiringProbeApi<NotificationDbContext>(ServiceName, canSend: false);
        return app;
    }
}
