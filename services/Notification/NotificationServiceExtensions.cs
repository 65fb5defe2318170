using MassTransit;
using ReliefPlatform.Contracts;
using ReliefPlatform.Notification.Data;
using ReliefPlatform.Notification.Deliveries;
using ReliefPlatform.Notification.Inbox;
using ReliefPlatform.Notification.Planning;
using ReliefPlatform.Notification.Sms;
using ReliefPlatform.Notification.Templates;
using ReliefPlatform.Notification.Webhooks;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.OpenApi;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Hosting;

namespace ReliefPlatform.Notification;

public static class NotificationServiceExtensions
{
    public const string ServiceName = ResourceNames.Notification;

    public static IHostApplicationBuilder AddNotificationService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationDbContext>(ResourceNames.NotificationDb);
        OpenApiExamples.Register(new SubscriptionRequest("省社会救助信息系统", "https://sjzxt.example.gov.cn/hooks/relief",
            ["application.received", "payment.settled", "lead.overdue"], ["361102", "361123"], "zh-CN"));
        builder.AddPlatformApi(ServiceName, "In-app inbox, SMS (sandbox), webhook subscriptions for provincial systems with signed deliveries, the delivery log and templates. 站内信、短信、省级系统回调订阅与投递日志。");
        // Shared fast store of the platform: idempotency keys of every replica.
        builder.AddRedisClient(ResourceNames.Cache);
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName)
            .Validate(o => Languages.IsKnown(o.DefaultLanguage), "Notifications:DefaultLanguage must be zh-CN or en.")
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.Parallelism >= 1, "Notifications: MaxAttempts, BatchSize and Parallelism must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddOptions<SandboxSmsOptions>().BindConfiguration(SandboxSmsOptions.SectionName);
        builder.Services.AddSingleton<NotificationMetrics>();
        builder.Services.AddScoped<NotificationPlanner>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<ISmsProvider>(services =>
        {
            var provider = builder.Configuration[$"{NotificationOptions.SectionName}:SmsProvider"] ?? "sandbox";
            return provider == "sandbox"
                ? ActivatorUtilities.CreateInstance<SandboxSmsProvider>(services)
                : throw new InvalidOperationException(
                    $"Notifications:SmsProvider '{provider}' is not built into this release; implement ISmsProvider for it (see README, Notifications).");
        });
        builder.AddConnectorHealth(DeliveryWorker.SmsConnector);
        builder.Services.AddHostedService<DeliveryWorker>();
        builder.Services.AddHostedService<DeliveryPruner>();
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<NotificationDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<NotificationDbContext>();
            bus.AddConsumer<ApplicationSubmittedNoticeConsumer, ReliefBatchConsumerDefinition<ApplicationSubmittedNoticeConsumer>>();
            bus.AddConsumer<EligibilityAssessedNoticeConsumer, ReliefBatchConsumerDefinition<EligibilityAssessedNoticeConsumer>>();
            bus.AddConsumer<GrantApprovedNoticeConsumer, ReliefBatchConsumerDefinition<GrantApprovedNoticeConsumer>>();
            bus.AddConsumer<PaymentsSettledNoticeConsumer, PaymentsSettledNoticeConsumerDefinition>();
            bus.AddConsumer<PaymentFailedNoticeConsumer, ReliefConsumerDefinition<PaymentFailedNoticeConsumer>>();
            bus.AddConsumer<LeadOverdueNoticeConsumer, ReliefConsumerDefinition<LeadOverdueNoticeConsumer>>();
            bus.AddConsumer<ReviewOverdueNoticeConsumer, ReliefConsumerDefinition<ReviewOverdueNoticeConsumer>>();
            bus.AddConsumer<HardshipWarningNoticeConsumer, ReliefConsumerDefinition<HardshipWarningNoticeConsumer>>();
            bus.AddConsumer<LeadRaisedNoticeConsumer, ReliefConsumerDefinition<LeadRaisedNoticeConsumer>>();
            bus.AddConsumer<RecipientEnrolledNoticeConsumer, ReliefConsumerDefinition<RecipientEnrolledNoticeConsumer>>();
            bus.AddConsumer<RecipientExitedNoticeConsumer, ReliefConsumerDefinition<RecipientExitedNoticeConsumer>>();
        });
        return builder;
    }

    public static WebApplication MapNotificationApi(this WebApplication app)
    {
        app.MapPlatformOpenApi();
        app.MapInboxApi();
        app.MapSubscriptionsApi();
        app.MapDeliveriesApi();
        app.MapTemplatesApi();
        app.MapAuditApi<NotificationDbContext>("/api/notifications/audit");
        app.MapWiringProbeApi<NotificationDbContext>(ServiceName, canSend: false);
        app.MapOperationsApi<NotificationDbContext>(ServiceName);
        return app;
    }
}
