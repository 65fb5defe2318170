using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Assessments;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Monitoring;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.Eligibility.Roster;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Eligibility.Determinations;

/// <summary>
/// The effects of the procedure's steps beyond the case itself: the verification at submission, the
/// work items, enrolment with back pay on approval, the decision's announcement. Called by the
/// consumer and the handlers within their unit of work; the rules themselves live on
/// <see cref="Determination"/>, <see cref="Verifier"/> and <see cref="BenefitCalculator"/>.
/// </summary>
public sealed class ProcedureService(EligibilityDbContext db, EligibilityMetrics metrics)
{
    /// <summary>Opens the procedure of a submitted dibao or tekun application and verifies it at once (核对).</summary>
    public async Task<Determination> OpenAsync(ApplicationSubmitted message, PolicySnapshot policy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(policy);
        var ids = message.Members.Select(m => m.IdNumber).ToList();
        var latest = await db.Set<FeedBatch>().AsNoTracking().GroupBy(b => b.Department)
            .Select(g => new { Department = g.Key, ReceivedAt = g.Max(b => b.ReceivedAt) }).ToDictionaryAsync(g => g.Department, g => g.ReceivedAt, ct);
        var records = await (from r in db.Set<FeedRecord>().AsNoTracking()
                             join b in db.Set<FeedBatch>().AsNoTracking() on r.BatchKey equals b.Key
                             where ids.Contains(r.IdNumber)
                             select new DepartmentRecord(b.Department, b.ReceivedAt, r.IdNumber, r.Signal, r.Amount)).ToListAsync(ct);
        var report = Verifier.Verify(message.Members, message.Authorization, latest, records, policy, now);

        var appliedOn = ChinaTime.DateOf(message.SubmittedAt);
        var decisionDays = (int)policy.RequiredParameter(message.Circumstances.Urgent ? PolicyParameters.UrgentDecisionDays : PolicyParameters.DecisionDays);
        var determination = new Determination
        {
            DeterminationId = Guid.CreateVersion7(now), ApplicationId = message.ApplicationId, Scheme = message.Scheme,
            ApplicantIdNumber = message.ApplicantIdNumber, ApplicantName = message.ApplicantName, County = message.ResidenceCounty, HukouCounty = message.HukouCounty,
            Township = message.ResidenceTownship, Village = message.ResidenceVillage, AreaType = message.AreaType, AppliedOn = appliedOn, Urgent = message.Circumstances.Urgent,
            DecisionDueOn = appliedOn.AddDays(decisionDays), Members = [.. message.Members], Circumstances = message.Circumstances,
            Stage = ProcedureStage.Investigation, Report = report,
        };
        db.Set<Determination>().Add(determination);
        var investigationDue = Min(ChinaTime.DateOf(now).AddDays((int)policy.RequiredParameter(PolicyParameters.InvestigationDays)), determination.DecisionDueOn);
        WorkQueue.Open(db, WorkKind.Investigate, determination.DeterminationId, determination.County, determination.Township, investigationDue, now);

        var noData = report.Sources.Count(s => s.Status == SourceStatus.NoData);
        db.AddToOutbox(new ProcedureStepRecorded(message.ApplicationId, determination.DeterminationId, "verified", now,
            $"已完成家庭经济状况核对（授权书 {report.AuthorizationReference}）：{report.Sources.Count} 个数据来源，{noData} 个暂无数据，发现 {report.Discrepancies.Count} 处与申报不一致；待入户调查。",
            $"Economic situation verified (authorization {report.AuthorizationReference}): {report.Sources.Count} sources, {noData} without data, {report.Discrepancies.Count} discrepancies with the declaration; household investigation next."));
        return determination;
    }

    /// <summary>
    /// Approved: enrolled from the month of application, with back pay for every month from then to the
    /// decision's month at each month's standard (R11); the applicant is told, the roster announced.
    /// </summary>
    public async Task<Recipient> EnrolAsync(Determination determination, Assessment basis, DateTimeOffset decidedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(determination);
        ArgumentNullException.ThrowIfNull(basis);
        var investigation = determination.Investigation!;
        var category = investigation.Category switch
        {
            AssistanceCategories.Dibao => RecipientCategory.Dibao,
            AssistanceCategories.Tekun => RecipientCategory.Tekun,
            _ => RecipientCategory.NearDibao,
        };
        var decisionMonth = Month(ChinaTime.DateOf(decidedAt));
        var startMonth = Month(determination.AppliedOn);
        var policy = await db.PolicyOnAsync(DateOnly.MaxValue, ct);
        var people = category == RecipientCategory.Tekun ? [determination.ApplicantIdNumber] : determination.Members.Select(m => m.IdNumber).ToList();
        var recipient = new Recipient
        {
            RecipientId = Guid.CreateVersion7(decidedAt), Category = category, Status = RecipientStatus.Active,
            HeadIdNumber = determination.ApplicantIdNumber, HeadName = determination.ApplicantName, County = determination.County, AreaType = determination.AreaType,
            MonthlyAmount = investigation.MonthlyAmount ?? 0m, StartDate = startMonth, ApplicationId = determination.ApplicationId, AssessmentId = basis.AssessmentId,
            NextRecertificationOn = Recertification.NextDate(category, basis.Members, startMonth > decisionMonth ? startMonth : ChinaTime.DateOf(decidedAt), policy.On(decisionMonth)),
            Persons = people.Select(id => new RosterPerson { IdNumber = id, Category = category, IsActive = true }).ToList(),
        };
        db.Recipients.Add(recipient);
        await db.SaveChangesAsync(ct); // the recipient's key, for its entitlements
        db.AddToOutbox(new RecipientEnrolled(recipient.RecipientId, determination.ApplicationId, WireName.Of(category),
            recipient.HeadIdNumber, recipient.HeadName, recipient.County, recipient.MonthlyAmount, recipient.StartDate, people, determination.Township, determination.Village));
        metrics.Enrolled(WireName.Of(category), recipient.County);

        for (var month = startMonth; month <= decisionMonth && recipient.MonthlyAmount > 0; month = month.AddMonths(1))
        {
            var inMonth = policy.On(month);
            var amount = BenefitCalculator.MonthlyAmount(category, recipient.County, recipient.AreaType, recipient.HeadIdNumber, basis.Members, basis.Circumstances, inMonth)
                ?? recipient.MonthlyAmount;
            if (month == decisionMonth)
            {
                recipient.MonthlyAmount = amount;
            }

            var reference = MonthlyRun.Reference(category, recipient.RecipientId, month);
            db.Entitlements.Add(new Entitlement { RecipientKey = recipient.Key, Month = month, Amount = amount, Reference = reference, IssuedAt = decidedAt });
            var standard = inMonth.Standard(recipient.County, recipient.AreaType, category == RecipientCategory.Tekun ? StandardKind.Tekun : StandardKind.Dibao)?.MonthlyAmount;
            db.AddToOutbox(new MonthlyEntitlementIssued(reference, recipient.RecipientId, WireName.Of(category), recipient.HeadIdNumber, recipient.HeadName, recipient.County,
                month, amount, decidedAt, people.Count, standard));
        }

        determination.RecipientId = recipient.RecipientId;
        return recipient;
    }

    /// <summary>The decision goes to the applicant's timeline and notice (intake, notification) as the assessment's outcome.</summary>
    public void Announce(Determination determination, Assessment basis, bool approved, string reasonZh, string reasonEn, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(determination);
        ArgumentNullException.ThrowIfNull(basis);
        var investigation = determination.Investigation!;
        var (zh, en) = approved
            ? (reasonZh, reasonEn)
            : ($"{reasonZh}。如不服，可于 {determination.ReviewRequestUntil:yyyy-MM-dd} 前申请复核，也可依法申请行政复议或提起行政诉讼",
               $"{reasonEn}. You may ask for a review by {determination.ReviewRequestUntil:yyyy-MM-dd}, or apply for administrative reconsideration or bring an administrative suit");
        // A near-dibao household is recorded and monitored, not paid: for the applicant it is a refusal of dibao, as before the procedure.
        var outcome = approved && investigation.Category is AssistanceCategories.Dibao or AssistanceCategories.Tekun ? AssessmentOutcome.Eligible : AssessmentOutcome.NotEligible;
        db.AddToOutbox(new EligibilityAssessed(determination.ApplicationId, basis.AssessmentId, at, determination.Scheme, null,
            outcome, investigation.Category, outcome == AssessmentOutcome.Eligible ? investigation.MonthlyAmount : null, zh, en, basis.Trace));
        metrics.Assessed(outcome, investigation.Category, determination.County);
    }

    public void Step(Determination determination, string step, DateTimeOffset at, string zh, string en)
    {
        ArgumentNullException.ThrowIfNull(determination);
        db.AddToOutbox(new ProcedureStepRecorded(determination.ApplicationId, determination.DeterminationId, step, at, zh, en));
    }

    public static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    internal static string Yuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
