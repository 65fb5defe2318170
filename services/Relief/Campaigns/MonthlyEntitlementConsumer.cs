using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Relief.Campaigns;

/// <summary>Keeps relief's copy of the roster's monthly payments, once per entitlement reference.</summary>
public sealed class MonthlyEntitlementConsumer(ReliefDbContext db, ILogger<MonthlyEntitlementConsumer> logger)
    : IdempotentConsumer<MonthlyEntitlementIssued, ReliefDbContext>(db, logger)
{
    protected override async Task HandleAsync(MonthlyEntitlementIssued message, ConsumeContext<MonthlyEntitlementIssued> context)
    {
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO roster_payments (reference, recipient_id, category, payee_id_number, payee_name, county, month, amount, persons, per_person_standard)
            VALUES ({message.EntitlementReference}, {message.RecipientId}, {message.Category}, {message.PayeeIdNumber}, {message.PayeeName}, {message.County}, {message.Month},
                    {message.Amount}, {message.Persons}, {message.PerPersonStandard})
            ON CONFLICT (reference) DO NOTHING
            """, context.CancellationToken);

        // A payment of a month whose campaign is already issuing joins it: nobody is skipped for arriving late.
        if (CampaignRunner.CoveredCategories.Contains(message.Category))
        {
            await Db.Database.ExecuteSqlAsync($"""
                INSERT INTO campaign_payments (campaign_key, recipient_id, reference, payee_id_number, payee_name, county, amount)
                SELECT c.key, {message.RecipientId}, c.kind || ':' || c.campaign_id::text || ':' || {message.RecipientId}::text,
                       {message.PayeeIdNumber}, {message.PayeeName}, {message.County},
                       CASE WHEN c.kind = {Campaign.PriceSubsidy}
                            THEN price_subsidy({message.PerPersonStandard}, {message.Persons}, c.rate, c.rounding_digits)
                            ELSE {message.Amount} END
                FROM campaigns c
                WHERE c.reference_month = {message.Month} AND c.status = 'Running' AND c.filled
                  AND (c.kind <> {Campaign.PriceSubsidy} OR {message.PerPersonStandard} IS NOT NULL)
                ON CONFLICT (campaign_key, recipient_id) DO NOTHING
                """, context.CancellationToken);
        }
    }
}
