using MassTransit;
using ReliefPlatform.Contracts;
using ReliefPlatform.Intake.Applications;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.Intake.Hotline;
using ReliefPlatform.Intake.Leads;
using ReliefPlatform.Intake.QrCodes;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.OpenApi;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Intake;

public static class IntakeServiceExtensions
{
    public const string ServiceName = ResourceNames.Intake;

    public static IHostApplicationBuilder AddIntakeService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntakeDbContext>(ResourceNames.IntakeDb);
        Applications.ApplicationExamples.Register();
        builder.AddPlatformApi(ServiceName, "Applications (一证一书, R3), outreach leads (R1), 12345 hotline tickets, county QR codes and application timelines. 受理申请、主动发现线索、12345 工单与申请进度。");
        // Shared fast store of the platform: idempotency keys of every replica.
        builder.AddRedisClient(ResourceNames.Cache);

        builder.Services.AddSingleton<IntakeMetrics>();
        builder.Services.AddOptions<LeadOptions>().BindConfiguration(LeadOptions.SectionName);
        builder.Services.AddOptions<QrCodeOptions>().BindConfiguration(QrCodeOptions.SectionName);
        builder.Services.AddHostedService<LeadOverdueScanner>();
        builder.Services.AddWiringProbeIdentity(ServiceName);

        builder.AddServiceMessaging<IntakeDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<IntakeDbContext>();
            bus.AddConsumer<EligibilityAssessedTimelineConsumer, ReliefBatchConsumerDefinition<EligibilityAssessedTimelineConsumer>>();
            bus.AddConsumer<ProcedureStepTimelineConsumer, ReliefBatchConsumerDefinition<ProcedureStepTimelineConsumer>>();
            bus.AddConsumer<GrantApprovedTimelineConsumer, ReliefBatchConsumerDefinition<GrantApprovedTimelineConsumer>>();
            bus.AddConsumer<PaymentsSettledTimelineConsumer, BulkMessageBatchConsumerDefinition<PaymentsSettledTimelineConsumer>>();
            bus.AddConsumer<PaymentFailedTimelineConsumer, ReliefBatchConsumerDefinition<PaymentFailedTimelineConsumer>>();
            bus.AddConsumer<NotificationsDeliveredTimelineConsumer, BulkMessageBatchConsumerDefinition<NotificationsDeliveredTimelineConsumer>>();
            bus.AddConsumer<NotificationDeliveredTimelineConsumer, ReliefBatchConsumerDefinition<NotificationDeliveredTimelineConsumer>>();
            bus.AddConsumer<HardshipWarningConsumer, ReliefConsumerDefinition<HardshipWarningConsumer>>();
        });
        return builder;
    }

    public static WebApplication MapIntakeApi(this WebApplication app)
    {
        app.MapPlatformOpenApi();
        app.MapApplicationsApi();
        app.MapPublicApplicationsApi();
        app.MapLeadsApi();
        app.MapHotlineApi();
        app.MapQrCodeApi();
        app.MapAuditApi<IntakeDbContext>("/api/intake/audit");
        app.MapWiringProbeApi<IntakeDbContext>(ServiceName, canSend: true);
        app.MapOperationsApi<IntakeDbContext>(ServiceName);
        return app;
    }
}
