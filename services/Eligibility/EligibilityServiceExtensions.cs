using MassTransit;
using ReliefPlatform.Contracts;
using ReliefPlatform.Eligibility.Assessments;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Determinations;
using ReliefPlatform.Eligibility.Monitoring;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.Eligibility.Roster;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.OpenApi;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;

namespace ReliefPlatform.Eligibility;

public static class EligibilityServiceExtensions
{
    public const string ServiceName = ResourceNames.Eligibility;

    public static IHostApplicationBuilder AddEligibilityService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EligibilityDbContext>(ResourceNames.EligibilityDb);
        builder.AddPlatformApi(ServiceName, "Policy standards as dated data, means-test assessments (R4–R6, R9, R10, R13), the dibao and tekun procedure (verification, investigation, public disclosure, decision, review; R3, R20) with work queues, the roster with gradual exit (R7), re-certification, monthly entitlements and recalculation on standard changes (R11), and dynamic monitoring feeds (R2). 政策标准、家庭经济状况核对、审核确认、救助对象名册与动态监测。");
        // Shared fast store of the platform: idempotency keys of every replica.
        builder.AddRedisClient(ResourceNames.Cache);
        builder.Services.AddSingleton<EligibilityMetrics>();
        builder.Services.AddScoped<MonthlyRun>();
        builder.Services.AddScoped<StandardRecalculation>();
        builder.Services.AddScoped<Recertification>();
        builder.Services.AddScoped<ProcedureService>();
        builder.Services.AddSingleton<ProcedureClock>();
        builder.Services.AddOptions<ProcedureOptions>().BindConfiguration(ProcedureOptions.Section);
        builder.Services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section);
        builder.Services.AddHostedService<ScheduledRuns>();

        builder.Services.AddScoped<FeedMatcher>();
        builder.Services.AddHostedService<RosterGauge>();
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<EligibilityDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<EligibilityDbContext>();
            bus.AddConsumer<ApplicationSubmittedConsumer, ReliefConsumerDefinition<ApplicationSubmittedConsumer>>();
            bus.AddConsumer<AccountNeedsCorrectionConsumer, ReliefConsumerDefinition<AccountNeedsCorrectionConsumer>>();
            bus.AddConsumer<AccountCorrectedConsumer, ReliefConsumerDefinition<AccountCorrectedConsumer>>();
        });
        return builder;
    }

    public static WebApplication MapEligibilityApi(this WebApplication app)
    {
        app.MapPlatformOpenApi();
        app.MapAssessmentsApi();
        app.MapPoliciesApi();
        app.MapRosterApi();
        app.MapRosterChangesApi();
        app.MapEnrolmentApi();
        app.MapMonitoringApi();
        app.MapDeterminationsApi();
        app.MapDisclosureApi();
        app.MapWorkItemsApi();
        app.MapAuditApi<EligibilityDbContext>("/api/eligibility/audit");
        app.MapWiringProbeApi<EligibilityDbContext>(ServiceName);
        app.MapOperationsApi<EligibilityDbContext>(ServiceName);
        return app;
    }
}
