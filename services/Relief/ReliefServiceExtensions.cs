using MassTransit;
using ReliefPlatform.Contracts;
using ReliefPlatform.Relief.Campaigns;
using ReliefPlatform.Relief.Care;
using ReliefPlatform.Relief.PurchasedServices;
using ReliefPlatform.Relief.SocialForces;
using ReliefPlatform.Relief.Cases;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.Relief.PriceLinkage;
using ReliefPlatform.Relief.ReserveFunds;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.OpenApi;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Relief;

public static class ReliefServiceExtensions
{
    public const string ServiceName = ResourceNames.Relief;

    public static IHostApplicationBuilder AddReliefService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReliefDbContext>(ResourceNames.ReliefDb);
        OpenApiExamples.Register(new GrantRequest("361102", 2m, null, null));
        builder.AddPlatformApi(ServiceName, "Temporary assistance cases and grants (R4, R5, R8–R10, R13, R14), township reserve funds (assist first, R8), the one-time living subsidy (R12), the price subsidy (R15), service assistance — care of dispersed tekun persons, purchased services — (R16) and social forces (R17). 临时救助、先行救助备用金、一次性生活补贴、价格临时补贴、服务类救助与社会力量参与。");
        // Shared fast store of the platform: idempotency keys of every replica.
        builder.AddRedisClient(ResourceNames.Cache);
        builder.Services.AddOptions<ReliefOptions>().BindConfiguration(ReliefOptions.SectionName);
        builder.Services.AddOptions<CareOptions>().BindConfiguration(CareOptions.SectionName)
            .Validate(o => o.DependentVisitIntervalDays.Count > 0 && o.SelfCareVisitIntervalDays.Count > 0 && o.MissedVisitsBeforeFlag.Count > 0
                && o.DependentVisitIntervalDays.Concat(o.SelfCareVisitIntervalDays).Concat(o.MissedVisitsBeforeFlag).All(v => v.Value > 0),
                "Relief:Care needs dated positive values for DependentVisitIntervalDays, SelfCareVisitIntervalDays and MissedVisitsBeforeFlag.")
            .ValidateOnStart();
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.Services.AddSingleton<ReliefMetrics>();
        builder.Services.AddHostedService<ReliefGauges>();
        builder.Services.AddHostedService<ReviewOverdueScanner>();
        builder.Services.AddSingleton<CampaignRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CampaignRunner>());
        builder.AddServiceMessaging<ReliefDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<ReliefDbContext>();
            bus.AddConsumer<EligibilityAssessedConsumer, ReliefBatchConsumerDefinition<EligibilityAssessedConsumer>>();
            bus.AddConsumer<MonthlyEntitlementConsumer, ReliefConsumerDefinition<MonthlyEntitlementConsumer>>();
        });
        return builder;
    }

    public static WebApplication MapReliefApi(this WebApplication app)
    {
        app.MapPlatformOpenApi();
        app.MapCasesApi();
        app.MapReserveFundsApi();
        app.MapCampaignsApi();
        app.MapPriceLinkageApi();
        app.MapCareApi();
        app.MapPurchasedServicesApi();
        app.MapSocialForcesApi();
        app.MapAuditApi<ReliefDbContext>("/api/relief/audit");
        app.MapWiringProbeApi<ReliefDbContext>(ServiceName);
        app.MapOperationsApi<ReliefDbContext>(ServiceName);
        return app;
    }
}
