using MassTransit;
using ReliefPlatform.Contracts;
using ReliefPlatform.Oversight.Complaints;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.Oversight.Disclosure;
using ReliefPlatform.Oversight.Evaluation;
using ReliefPlatform.Oversight.Funds;
using ReliefPlatform.Oversight.Supervision;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.OpenApi;

namespace ReliefPlatform.Oversight;

public static class OversightServiceExtensions
{
    public const string ServiceName = ResourceNames.Oversight;

    public static IHostApplicationBuilder AddOversightService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OversightDbContext>(ResourceNames.OversightDb);
        OpenApiExamples.Register(new ComplaintRequest("relationship-dibao", "361102", "361102001", Anonymous: true, null, null, "某村干部的亲属领取低保，但家里有车有房。"));
        builder.AddPlatformApi(ServiceName, "Oversight (R18–R21): complaints and tips with a tracking code, supervision flags and their investigation, the staff relatives register. 监督：投诉举报、疑点核查、工作人员近亲属备案。");
        // Shared fast store of the platform: idempotency keys of every replica.
        builder.AddRedisClient(ResourceNames.Cache);
        builder.Services.AddOptions<OversightOptions>().BindConfiguration(OversightOptions.SectionName)
            .Validate(o => o.ComplaintDecisionDays.Count > 0 && o.GrantsPerHouseholdLimit.Count > 0 && o.GrantWindowDays.Count > 0 && o.ApproverGrantsLimit.Count > 0 && o.ApproverWindowDays.Count > 0 && o.DisclosureAfterExitDays.Count > 0 && o.TemporaryDisclosureMonths.Count > 0 && o.DecisionTargetDays.Count > 0 && o.AuditDeadlines.Count > 0 && o.RecentAccountChangeDays.Count > 0 && o.ComplaintDecisionDays.All(v => v.Value >= 1),
                "Oversight: ComplaintDecisionDays, GrantsPerHouseholdLimit, GrantWindowDays, ApproverGrantsLimit, ApproverWindowDays, DisclosureAfterExitDays, TemporaryDisclosureMonths, DecisionTargetDays, AuditDeadlines and RecentAccountChangeDays each need a value in force (days at least 1).")
            .ValidateOnStart();
        builder.Services.AddScoped<EvaluationFigures>();
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<OversightDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<OversightDbContext>();
            bus.AddConsumer<ApplicationSubmittedSupervisionConsumer, ReliefBatchConsumerDefinition<ApplicationSubmittedSupervisionConsumer>>();
            bus.AddConsumer<RecipientEnrolledSupervisionConsumer, ReliefConsumerDefinition<RecipientEnrolledSupervisionConsumer>>();
            bus.AddConsumer<RecipientExitedSupervisionConsumer, ReliefConsumerDefinition<RecipientExitedSupervisionConsumer>>();
            bus.AddConsumer<PersonsReportedDeceasedSupervisionConsumer, ReliefConsumerDefinition<PersonsReportedDeceasedSupervisionConsumer>>();
            bus.AddConsumer<PaymentsSettledSupervisionConsumer, BulkMessageBatchConsumerDefinition<PaymentsSettledSupervisionConsumer>>();
            bus.AddConsumer<GrantApprovedSupervisionConsumer, ReliefConsumerDefinition<GrantApprovedSupervisionConsumer>>();
            bus.AddConsumer<PersonsReportedImprisonedSupervisionConsumer, ReliefConsumerDefinition<PersonsReportedImprisonedSupervisionConsumer>>();
            bus.AddConsumer<RosterAssetsReportedSupervisionConsumer, ReliefConsumerDefinition<RosterAssetsReportedSupervisionConsumer>>();
            bus.AddConsumer<PayeeAccountChangedSupervisionConsumer, ReliefConsumerDefinition<PayeeAccountChangedSupervisionConsumer>>();
            bus.AddConsumer<EligibilityAssessedEvaluationConsumer, ReliefBatchConsumerDefinition<EligibilityAssessedEvaluationConsumer>>();
            bus.AddConsumer<PaymentsSettledEvaluationConsumer, BulkMessageBatchConsumerDefinition<PaymentsSettledEvaluationConsumer>>();
            bus.AddConsumer<PaymentReturnedEvaluationConsumer, ReliefConsumerDefinition<PaymentReturnedEvaluationConsumer>>();
            bus.AddConsumer<LeadRaisedEvaluationConsumer, ReliefConsumerDefinition<LeadRaisedEvaluationConsumer>>();
            bus.AddConsumer<LeadOverdueEvaluationConsumer, ReliefConsumerDefinition<LeadOverdueEvaluationConsumer>>();
            bus.AddConsumer<HotlineCallEvaluationConsumer, ReliefConsumerDefinition<HotlineCallEvaluationConsumer>>();
        });
        return builder;
    }

    public static WebApplication MapOversightApi(this WebApplication app)
    {
        app.MapPlatformOpenApi();
        app.MapComplaintsApi();
        app.MapFlagsApi();
        app.MapPublicDisclosureApi();
        app.MapEvaluationApi();
        app.MapAuditFindingsApi();
        app.MapAuditApi<OversightDbContext>("/api/oversight/audit");
        app.MapWiringProbeApi<OversightDbContext>(ServiceName, canSend: false);
        app.MapOperationsApi<OversightDbContext>(ServiceName);
        return app;
    }
}
