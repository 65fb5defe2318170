using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Places;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Relief.Cases;

/// <summary>Opens a temporary-assistance case for each eligible assessment, once.</summary>
public sealed class EligibilityAssessedConsumer(ReliefDbContext db, TimeProvider clock, ReliefMetrics metrics, ILogger<EligibilityAssessedConsumer> logger)
    : IdempotentConsumer<EligibilityAssessed, ReliefDbContext>(db, logger)
{
    protected override async Task HandleAsync(EligibilityAssessed message, ConsumeContext<EligibilityAssessed> context)
    {
        if (message.Scheme != Scheme.TemporaryAssistance || message.Outcome != AssessmentOutcome.Eligible || message.GrantBasis is not { } basis)
        {
            return;
        }

        if (await Db.Cases.AnyAsync(c => c.ApplicationId == message.ApplicationId, context.CancellationToken))
        {
            return;
        }

        var kind = message.TemporaryAssistanceKind ?? TemporaryAssistanceKind.General;
        var county = basis.PayingCounties.FirstOrDefault()?.County ?? "";
        metrics.CaseOpened(kind, county);
        Db.Cases.Add(new ReliefCase
        {
            CaseId = Guid.CreateVersion7(clock.GetUtcNow()),
            ApplicationId = message.ApplicationId,
            Kind = message.TemporaryAssistanceKind ?? TemporaryAssistanceKind.General,
            PersonIdNumber = basis.PersonIdNumber,
            PersonName = basis.PersonName,
            Urgent = basis.Urgent,
            Basis = basis,
            County = county,
            // The township of residence belongs to the case only when the residence county pays it.
            Township = basis.ResidenceTownship is { } township && PlaceRegistry.Current.CountyOf(township) == county ? township : null,
            Status = CaseStatus.Open,
            OpenedAt = clock.GetUtcNow(),
        });
    }
}
