using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Places;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Relief.Cases;

/// <summary>
/// Opens a temporary-assistance case for each eligible assessment, once per application (R4, R5, R8–R10). One assessment
/// per application arrives in a surge, so they are taken in batches (issue 22): the cases the batch's applications
/// already have are read with one query and the new ones written with one save, instead of a delivery, a transaction,
/// an inbox row and a read each. Opening a case moves no money — the caseworker's grant does — so the batch's
/// collection (at most 50 ms, and only when the queue is nearly empty) is not waited for by a payment.
/// </summary>
public sealed class EligibilityAssessedConsumer(ReliefDbContext db, TimeProvider clock, ReliefMetrics metrics, ILogger<EligibilityAssessedConsumer> logger)
    : IdempotentBatchConsumer<EligibilityAssessed, ReliefDbContext>(db, logger)
{
    private readonly List<ReliefCase> _opened = [];

    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<EligibilityAssessed>> messages, CancellationToken ct)
    {
        _opened.Clear();
        // A review that assesses the application again finds its case open already: the first assessment on the queue opens it.
        var eligible = messages.Select(m => m.Message)
            .Where(m => m.Scheme == Scheme.TemporaryAssistance && m.Outcome == AssessmentOutcome.Eligible && m.GrantBasis is not null)
            .DistinctBy(m => m.ApplicationId)
            .ToList();
        if (eligible.Count == 0)
        {
            return;
        }

        var ids = eligible.Select(m => m.ApplicationId).ToList();
        var withCase = (await Db.Cases.Where(c => ids.Contains(c.ApplicationId)).Select(c => c.ApplicationId).ToListAsync(ct)).ToHashSet();
        foreach (var message in eligible.Where(m => !withCase.Contains(m.ApplicationId)))
        {
            var reliefCase = Open(message, message.GrantBasis!);
            Db.Cases.Add(reliefCase);
            _opened.Add(reliefCase);
        }
    }

    // Counted once the batch committed: a batch rolled back and handled again opens its cases once.
    protected override void Committed()
    {
        foreach (var reliefCase in _opened)
        {
            metrics.CaseOpened(reliefCase.Kind, reliefCase.County);
        }
    }

    private ReliefCase Open(EligibilityAssessed message, TemporaryGrantBasis basis)
    {
        var kind = message.TemporaryAssistanceKind ?? TemporaryAssistanceKind.General;
        var county = basis.PayingCounties.FirstOrDefault()?.County ?? "";
        return new ReliefCase
        {
            CaseId = Guid.CreateVersion7(clock.GetUtcNow()),
            ApplicationId = message.ApplicationId,
            Kind = kind,
            PersonIdNumber = basis.PersonIdNumber,
            PersonName = basis.PersonName,
            Urgent = basis.Urgent,
            Basis = basis,
            County = county,
            // The township of residence belongs to the case only when the residence county pays it.
            Township = basis.ResidenceTownship is { } township && PlaceRegistry.Current.CountyOf(township) == county ? township : null,
            Status = CaseStatus.Open,
            OpenedAt = clock.GetUtcNow(),
        };
    }
}
