using MassTransit;
using ReliefPlatform.Contracts;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Funds;
using ReliefPlatform.Payments.Instructions;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.OpenApi;
using ReliefPlatform.ServiceDefaults.Diagnostics;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Audit;
using ReliefPlatform.ServiceDefaults.Hosting;

namespace ReliefPlatform.Payments;

public static class PaymentsServiceExtensions
{
    public const string ServiceName = ResourceNames.Payments;

    public static IHostApplicationBuilder AddPaymentsService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PaymentsDbContext>(ResourceNames.PaymentsDb);
        builder.AddPlatformApi(ServiceName, "Payment instructions, funds and county allocations by purpose, bank batches with control totals, reconciliation, reissue and cancel (R11, R19). 资金拨付、银行批量发放与对账。");
        // Shared fast store of the platform: idempotency keys of every replica.
        builder.AddRedisClient(ResourceNames.Cache);
        builder.Services.AddScoped<Funding>();
        builder.Services.AddOptions<Accounts.AccountOptions>().BindConfiguration(Accounts.AccountOptions.Section);
        builder.Services.AddOptions<Funds.FundSupervisionOptions>().BindConfiguration(Funds.FundSupervisionOptions.Section)
            .Validate(o => o.AllocationDays.Count > 0 && o.IdleDays.Count > 0, "Payments:Funds: AllocationDays and IdleDays each need a value in force.").ValidateOnStart();
        builder.Services.AddSingleton<Accounts.AccountProtector>();
        builder.Services.AddSingleton<FundingWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FundingWorker>());
        builder.AddBankConnector();
        builder.Services.AddSingleton<Batches.BankRoundTrigger>();
        builder.AddConnectorHealth(Batches.BankWorker.Connector);
        builder.Services.AddHostedService<Batches.BankWorker>();
        builder.Services.AddHostedService<PaymentsMetrics>();
        builder.Services.AddWiringProbeIdentity(ServiceName);
        builder.AddServiceMessaging<PaymentsDbContext>(ServiceName, bus =>
        {
            bus.AddWiringProbeConsumer<PaymentsDbContext>();
            bus.AddConsumer<GrantApprovedConsumer, ReliefConsumerDefinition<GrantApprovedConsumer>>();
            bus.AddConsumer<ProviderInvoiceApprovedConsumer, ReliefConsumerDefinition<ProviderInvoiceApprovedConsumer>>();
            bus.AddConsumer<MonthlyEntitlementConsumer, ReliefConsumerDefinition<MonthlyEntitlementConsumer>>();
            bus.AddConsumer<BenefitAdjustmentConsumer, ReliefConsumerDefinition<BenefitAdjustmentConsumer>>();
            bus.AddConsumer<PersonsReportedDeceasedConsumer, ReliefConsumerDefinition<PersonsReportedDeceasedConsumer>>();
            bus.AddConsumer<CampaignBatchConsumer, CampaignBatchConsumerDefinition>();
        });
        return builder;
    }

    /// <summary>
    /// The bank connector chosen by configuration (Payments:Bank:Connector): the file-drop bank's folders;
    /// in local runs and tests the sandbox bank answers on the other side of them (Payments:Bank:Sandbox).
    /// None chosen, the service refuses to start.
    /// </summary>
    private static void AddBankConnector(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Bank.BankOptions>().BindConfiguration(Bank.BankOptions.Section);
        var settings = builder.Configuration.GetSection(Bank.BankOptions.Section).Get<Bank.BankOptions>() ?? new Bank.BankOptions();
        if (settings.Connector != Bank.BankOptions.FileDrop)
        {
            throw new InvalidOperationException(
                $"Payments:Bank:Connector '{settings.Connector}' is not a bank connector: use '{Bank.BankOptions.FileDrop}' with the Outgoing and Incoming folders.");
        }

        if (string.IsNullOrWhiteSpace(settings.Outgoing) || string.IsNullOrWhiteSpace(settings.Incoming))
        {
            throw new InvalidOperationException("Payments:Bank:Outgoing and Payments:Bank:Incoming name the folders of the file-drop bank.");
        }

        _ = Bank.BankFileEncoding.Of(settings.Encoding); // an unknown encoding fails the start, not the first batch
        builder.Services.AddSingleton<Bank.IBankConnector, Bank.FileDropBank>();
        if (settings.Sandbox)
        {
            builder.Services.AddOptions<Bank.SandboxBankOptions>().BindConfiguration(Bank.SandboxBankOptions.SectionName);
            builder.Services.AddSingleton<Bank.SandboxBank>();
            builder.Services.AddHostedService<Bank.SandboxBankWorker>();
        }
    }

    public static WebApplication MapPaymentsApi(this WebApplication app)
    {
        app.MapPlatformOpenApi();
        app.MapFundsApi();
        Batches.BatchesApi.MapBatchesApi(app);
        Instructions.PaymentsApi.MapPaymentsApi(app);
        Accounts.PayeeAccountsApi.MapPayeeAccountsApi(app);
        PayeeHoldsApi.MapPayeeHoldsApi(app);
        app.MapAuditApi<PaymentsDbContext>("/api/payments/audit");
        app.MapWiringProbeApi<PaymentsDbContext>(ServiceName);
        Batches.BankRoundApi.MapBankRoundApi(app.MapOperationsApi<PaymentsDbContext>(ServiceName));
        return app;
    }
}
