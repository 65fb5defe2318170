using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.MeansTest;
using ReliefPlatform.Eligibility.Roster;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Eligibility.Assessments;

/// <summary>
/// Assesses each submitted application once (R6 and the scheme's rule) with the policy in force on
/// the assessment date, stores the assessment with its trace, enrols an eligible dibao or tekun
/// household and a near-dibao one on the roster, and announces the outcome.
/// </summary>
public sealed class ApplicationSubmittedConsumer(EligibilityDbContext db, TimeProvider clock, EligibilityMetrics metrics, ILogger<ApplicationSubmittedConsumer> logger)
    : IdempotentConsumer<ApplicationSubmitted, EligibilityDbContext>(db, logger)
{
    protected override async Task HandleAsync(ApplicationSubmitted message, ConsumeContext<ApplicationSubmitted> context)
    {
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
        var eligibleForRoster = result.Outcome == AssessmentOutcome.Eligible && (message.Scheme is Scheme.Dibao or Scheme.Tekun);
        if (eligibleForRoster && onRoster.Count > 0)
        {
            result = result with
            {
                Outcome = AssessmentOutcome.NotEligible,
                ReasonZh = "家庭成员已在保障名册中（同一人不能同时享受低保和特困供养）",
                ReasonEn = "a member is already on the roster (nobody is in dibao and tekun at once)",
                Trace = [.. result.Trace, new RuleTraceStep("roster", "家庭成员已在保障名册中，不重复纳入。", "A member is already on the roster: not enrolled twice.")],
            };
            eligibleForRoster = false;
        }

        var enrols = eligibleForRoster || (result.Category == AssistanceCategories.NearDibao && onRoster.Count == 0);

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

        if (enrols)
        {
            var category = result.Category switch
            {
                AssistanceCategories.Dibao => RecipientCategory.Dibao,
                AssistanceCategories.Tekun => RecipientCategory.Tekun,
                _ => RecipientCategory.NearDibao,
            };
            var people = category == RecipientCategory.Tekun ? [message.ApplicantIdNumber] : ids;
            var recipient = new Recipient
            {
                RecipientId = Guid.CreateVersion7(now),
                Category = category,
                Status = RecipientStatus.Active,
                HeadIdNumber = message.ApplicantIdNumber,
                HeadName = message.ApplicantName,
                County = message.ResidenceCounty,
                AreaType = message.AreaType,
                MonthlyAmount = result.MonthlyAmount ?? 0m,
                StartDate = date,
                ApplicationId = message.ApplicationId,
                AssessmentId = assessment.AssessmentId,
                Persons = people.Select(id => new RosterPerson { IdNumber = id, Category = category, IsActive = true }).ToList(),
            };
            Db.Recipients.Add(recipient);
            Db.AddToOutbox(new RecipientEnrolled(recipient.RecipientId, message.ApplicationId, ServiceDefaults.Http.WireName.Of(category),
                recipient.HeadIdNumber, recipient.HeadName, recipient.County, recipient.MonthlyAmount, recipient.StartDate, people));
            metrics.Enrolled(ServiceDefaults.Http.WireName.Of(category), recipient.County);
        }

        var basis = message.Scheme == Scheme.TemporaryAssistance && result.Outcome == AssessmentOutcome.Eligible
            ? TemporaryGrantBases.For(message, policy)
            : null;
        Db.AddToOutbox(new EligibilityAssessed(
            message.ApplicationId, assessment.AssessmentId, now, message.Scheme, message.TemporaryAssistanceKind, result.Outcome, result.Category,
            result.MonthlyAmount, result.ReasonZh, result.ReasonEn, result.Trace, basis));
        metrics.Assessed(result.Outcome, result.Category, message.ResidenceCounty);
    }
}
