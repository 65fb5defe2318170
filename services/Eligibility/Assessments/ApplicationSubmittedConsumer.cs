using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Determinations;
using ReliefPlatform.Eligibility.MeansTest;
using ReliefPlatform.Eligibility.Roster;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Eligibility.Assessments;

/// <summary>
/// Assesses each submitted application once (R6 and the scheme's rule) with the policy in force on
/// the assessment date and stores it with its trace. A temporary-assistance outcome is announced at
/// once (relief grants it, R8); a dibao or tekun application opens its procedure (verification,
/// investigation, disclosure, a decision by a person: <see cref="Determination"/>).
/// </summary>
public sealed class ApplicationSubmittedConsumer(EligibilityDbContext db, ProcedureService procedure, TimeProvider clock, EligibilityMetrics metrics, ILogger<ApplicationSubmittedConsumer> logger)
    : IdempotentConsumer<ApplicationSubmitted, EligibilityDbContext>(db, logger)
{
    // What the message decided, counted once it committed: a message rolled back and handled again is assessed once.
    private (AssessmentOutcome Outcome, string Category, string County)? _assessed;

    protected override async Task HandleAsync(ApplicationSubmitted message, ConsumeContext<ApplicationSubmitted> context)
    {
        _assessed = null;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        // Assessment date in China Standard Time: a standard effective 1 July applies from midnight in Jiangxi.
        var date = ChinaTime.DateOf(now);
        var policy = await Db.PolicyOnAsync(date, ct);

        var ids = message.Members.Select(m => m.IdNumber).ToList();
        var onRoster = await Db.RosterPersons.Where(p => p.IsActive && ids.Contains(p.IdNumber)).Select(p => p.Category).ToListAsync(ct);
        var roster = new RosterFacts(onRoster.Contains(RecipientCategory.Dibao), onRoster.Any(c => c is RecipientCategory.Dibao or RecipientCategory.Tekun));

        var facts = new HouseholdFacts(message.Scheme, message.TemporaryAssistanceKind, message.ApplicantIdNumber, message.ResidenceCounty, message.AreaType, message.Members, message.Circumstances);
        var result = MeansTestCalculator.Assess(facts, policy, roster);

        // Someone already active on the roster cannot be enrolled a second time (never dibao and tekun at once).
        var alreadyOnRoster = false;
        if (result.Outcome == AssessmentOutcome.Eligible && (message.Scheme is Scheme.Dibao or Scheme.Tekun) && onRoster.Count > 0)
        {
            result = result with
            {
                Outcome = AssessmentOutcome.NotEligible,
                ReasonZh = "家庭成员已在保障名册中（同一人不能同时享受低保和特困供养）",
                ReasonEn = "a member is already on the roster (nobody is in dibao and tekun at once)",
                Trace = [.. result.Trace, new RuleTraceStep("roster", "家庭成员已在保障名册中，不重复纳入。", "A member is already on the roster: not enrolled twice.")],
            };
            alreadyOnRoster = true;
        }

        var assessment = new Assessment
        {
            AssessmentId = Guid.CreateVersion7(now),
            ApplicationId = message.ApplicationId,
            AssessedAt = now,
            PolicyDate = date,
            Scheme = message.Scheme,
            TemporaryAssistanceKind = message.TemporaryAssistanceKind,
            ApplicantIdNumber = message.ApplicantIdNumber,
            ApplicantName = message.ApplicantName,
            ResidenceCounty = message.ResidenceCounty,
            HukouCounty = message.HukouCounty,
            AreaType = message.AreaType,
            Outcome = result.Outcome,
            Category = result.Category,
            MonthlyAmount = result.MonthlyAmount,
            Standard = result.Standard,
            CountedIncome = result.CountedIncome,
            PerCapitaIncome = result.PerCapitaIncome,
            ReasonZh = result.ReasonZh,
            ReasonEn = result.ReasonEn,
            Trace = [.. result.Trace],
            Members = [.. message.Members],
            Circumstances = message.Circumstances,
        };
        Db.Assessments.Add(assessment);

        if (message.Scheme is Scheme.Dibao or Scheme.Tekun)
        {
            // Dibao and tekun are decided by people through the lawful procedure (R3, R20): the assessment
            // above is only a first reading of the declaration. Verification runs now; the township
            // investigates next, and the decision is announced when an approver makes it. Someone already
            // on the roster is refused at once: nobody is enrolled twice.
            if (alreadyOnRoster)
            {
                Db.AddToOutbox(new EligibilityAssessed(message.ApplicationId, assessment.AssessmentId, now, message.Scheme, null, result.Outcome, result.Category,
                    null, result.ReasonZh, result.ReasonEn, result.Trace));
                return;
            }

            assessment.ReasonZh = $"按申报情况初评：{assessment.ReasonZh}";
            assessment.ReasonEn = $"First reading of the declaration: {assessment.ReasonEn}";
            await procedure.OpenAsync(message, policy, now, ct);
            return;
        }

        var basis = message.Scheme == Scheme.TemporaryAssistance && result.Outcome == AssessmentOutcome.Eligible
            ? TemporaryGrantBases.For(message, policy)
            : null;
        Db.AddToOutbox(new EligibilityAssessed(
            message.ApplicationId, assessment.AssessmentId, now, message.Scheme, message.TemporaryAssistanceKind, result.Outcome, result.Category,
            result.MonthlyAmount, result.ReasonZh, result.ReasonEn, result.Trace, basis));
        _assessed = (result.Outcome, result.Category, message.ResidenceCounty);
    }

    protected override void Committed()
    {
        if (_assessed is { } assessed)
        {
            metrics.Assessed(assessed.Outcome, assessed.Category, assessed.County);
        }
    }
}
