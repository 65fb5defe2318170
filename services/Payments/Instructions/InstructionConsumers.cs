using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Funds;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Payments.Instructions;

/// <summary>Creates payment instructions, once per entitlement reference (a unique index), then tries to fund them.</summary>
public static class Instructions
{
    public static Task<int> InsertAsync(PaymentsDbContext db, string reference, string origin, string purpose, string payeeIdNumber, string payeeName,
        string county, decimal amount, DateOnly dueDate, Guid? applicationId, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO payments (payment_id, reference, origin, purpose, payee_id_number, payee_name, county, amount, due_date, application_id, status, attempts, created_at, updated_at)
            VALUES ({Guid.CreateVersion7(now)}, {reference}, {origin}, {purpose}, {payeeIdNumber}, {payeeName}, {county}, {amount}, {dueDate}, {applicationId},
                    -- A payee reported deceased is paid nothing more: a new payment starts held (issue 18).
                    CASE WHEN EXISTS (SELECT 1 FROM payee_holds h WHERE h.payee_id_number = {payeeIdNumber} AND h.released_at IS NULL) THEN 'Held' ELSE 'Instructed' END,
                    0, {now}, {now})
            ON CONFLICT (reference) DO NOTHING
            """, ct);
}

public sealed class GrantApprovedConsumer(PaymentsDbContext db, TimeProvider clock, ILogger<GrantApprovedConsumer> logger)
    : IdempotentConsumer<GrantApproved, PaymentsDbContext>(db, logger)
{
    protected override Task HandleAsync(GrantApproved message, ConsumeContext<GrantApproved> context) =>
        Instructions.InsertAsync(Db, message.EntitlementReference, "grant", message.Purpose, message.PayeeIdNumber, message.PayeeName, message.County,
            message.Amount, ChinaTime.DateOf(message.ApprovedAt), message.ApplicationId, clock.GetUtcNow(), context.CancellationToken);
}

/// <summary>A provider's reconciled invoice (R16): one payment of purpose "services", once per reference, due the day it was approved.</summary>
public sealed class ProviderInvoiceApprovedConsumer(PaymentsDbContext db, TimeProvider clock, ILogger<ProviderInvoiceApprovedConsumer> logger)
    : IdempotentConsumer<ProviderInvoiceApproved, PaymentsDbContext>(db, logger)
{
    protected override Task HandleAsync(ProviderInvoiceApproved message, ConsumeContext<ProviderInvoiceApproved> context) =>
        Instructions.InsertAsync(Db, message.Reference, "invoice", PaymentPurposes.Services, message.ProviderCode, message.ProviderName, message.County,
            message.Amount, ChinaTime.DateOf(message.ApprovedAt), null, clock.GetUtcNow(), context.CancellationToken);
}

public sealed class MonthlyEntitlementConsumer(PaymentsDbContext db, TimeProvider clock, ILogger<MonthlyEntitlementConsumer> logger)
    : IdempotentConsumer<MonthlyEntitlementIssued, PaymentsDbContext>(db, logger)
{
    // R11: a month's benefit is due on its first day; it may be paid ahead.
    protected override Task HandleAsync(MonthlyEntitlementIssued message, ConsumeContext<MonthlyEntitlementIssued> context) =>
        Instructions.InsertAsync(Db, message.EntitlementReference, "monthly", PaymentPurposes.OfMonthlyBenefit(message.Category), message.PayeeIdNumber, message.PayeeName,
            message.County, message.Amount, message.Month, null, clock.GetUtcNow(), context.CancellationToken);
}

/// <summary>A difference owed for a month already paid (R11 a standard raised later, a correction): one more payment of the month's purpose, once per reference.</summary>
public sealed class BenefitAdjustmentConsumer(PaymentsDbContext db, TimeProvider clock, ILogger<BenefitAdjustmentConsumer> logger)
    : IdempotentConsumer<BenefitAdjustmentIssued, PaymentsDbContext>(db, logger)
{
    protected override Task HandleAsync(BenefitAdjustmentIssued message, ConsumeContext<BenefitAdjustmentIssued> context) =>
        Instructions.InsertAsync(Db, message.EntitlementReference, "adjustment", PaymentPurposes.OfMonthlyBenefit(message.Category), message.PayeeIdNumber, message.PayeeName,
            message.County, message.Amount, ChinaTime.DateOf(message.IssuedAt), null, clock.GetUtcNow(), context.CancellationToken);
}

/// <summary>
/// Consecutive campaign batches are one county's and draw on the same allocation, so more than two at a
/// time only queue on its row (and on the same index pages) while holding a connection each.
/// </summary>
public sealed class CampaignBatchConsumerDefinition() : ReliefConsumerDefinition<CampaignBatchConsumer>(concurrentMessageLimit: 2);

/// <summary>A campaign batch becomes its payments drawn from the counties' allocations and batched for the bank, in one transaction (R12, R19).</summary>
public sealed class CampaignBatchConsumer(PaymentsDbContext db, Funding funding, TimeProvider clock, ILogger<CampaignBatchConsumer> logger)
    : IdempotentConsumer<CampaignPaymentBatch, PaymentsDbContext>(db, logger)
{
    protected override Task HandleAsync(CampaignPaymentBatch message, ConsumeContext<CampaignPaymentBatch> context) =>
        funding.InstructDrawnAsync(message.Purpose,
            message.Lines.Select(l => new CampaignLine(l.EntitlementReference, l.PayeeIdNumber, l.PayeeName, l.County, l.Amount)).ToList(),
            clock.GetUtcNow(), context.CancellationToken);
}
