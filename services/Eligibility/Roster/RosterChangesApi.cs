using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Assessments;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.MeansTest;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.Places;

namespace ReliefPlatform.Eligibility.Roster;

public sealed record MemberChange(string? IdNumber, decimal? MonthlyIncome, string? EmploymentStatus, string? WorkCounty);

public sealed record ReassessmentRequest(List<MemberChange>? Members, string? RequestedBy, string? Reason);

public sealed record ExitRequest(string? Reason);

public sealed record MonthlyRunRequest(string? Month);

public sealed record ReassessmentView(AssessmentView Assessment, RecipientStatus Status, decimal MonthlyAmount, DateOnly? GradualExitUntil, DateOnly? ExitDate);

/// <summary>Reassessment with new facts, exits and gradual exits (R7), and the monthly run (R11).</summary>
public static class RosterChangesApi
{
    public static RouteGroupBuilder MapRosterChangesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/eligibility").WithTags("Roster");
        group.MapPost("/roster/{recipientId:guid}/reassessments", ReassessAsync).RequireCountyOf<RouteHandlerBuilder, EligibilityDbContext>("recipientId", CountyOf).WithIdempotency("eligibility-roster-changes-reassess").WithSummary("Reassess (re-certify) a dibao household or a tekun person with new facts (R6, R7); closes its re-certification work item and schedules the next");
        group.MapPost("/roster/{recipientId:guid}/exit", ExitAsync).RequireCountyOf<RouteHandlerBuilder, EligibilityDbContext>("recipientId", CountyOf).WithIdempotency("eligibility-roster-changes-exit").WithSummary("Take a recipient off the roster; refused during a gradual-exit period (R7)");
        group.MapPost("/monthly-runs", MonthlyRunAsync).ProvinceWide().WithIdempotency("eligibility-roster-changes-monthly-run").WithSummary("Issue a month's entitlements to payments, once per recipient and month (R11)");
        return group;
    }

    private static IQueryable<string> CountyOf(EligibilityDbContext db, Guid recipientId) =>
        db.Recipients.Where(r => r.RecipientId == recipientId).Select(r => r.County);

    internal static async Task<Results<Ok<ReassessmentView>, ValidationProblem, ProblemHttpResult>> ReassessAsync(
        Guid recipientId, ReassessmentRequest request, HttpContext http, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var recipient = await db.Recipients.Include(r => r.Persons).FirstOrDefaultAsync(r => r.RecipientId == recipientId, ct);
        if (recipient is null)
        {
            return NotFound();
        }

        if (recipient.Category is not (RecipientCategory.Dibao or RecipientCategory.Tekun) || recipient.Status == RecipientStatus.Exited)
        {
            return ApiProblems.Unprocessable("not_reassessable", "只有在册（含渐退期）的低保家庭和特困人员可以复核。", "Only dibao households and tekun persons on the roster (active or in gradual exit) are reassessed here.");
        }

        var previous = await db.Assessments.AsNoTracking().Where(a => a.AssessmentId == recipient.AssessmentId).FirstAsync(ct);
        var errors = new ValidationErrors();
        var requestedBy = Caller.Of(http).Actor.Name;
        var reason = errors.Text("reason", request.Reason, 500);
        var members = previous.Members.ToList();
        var changes = request.Members ?? [];
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var index = members.FindIndex(m => m.IdNumber == change.IdNumber?.Trim().ToUpperInvariant());
            if (index < 0)
            {
                errors.Add($"members[{i}].idNumber", "不是该家庭的成员。", "Not a member of this household.");
                continue;
            }

            var employment = errors.Enum<EmploymentStatus>($"members[{i}].employmentStatus", change.EmploymentStatus, required: false) ?? members[index].EmploymentStatus;
            var working = employment is EmploymentStatus.Employed or EmploymentStatus.Flexible;
            var workCounty = working ? change.WorkCounty ?? members[index].WorkCounty : null;
            if (working && !PlaceRegistry.Current.IsServedCounty(workCounty))
            {
                errors.Add($"members[{i}].workCounty", "就业成员须填写本平台服务的工作地县级代码。", "An employed member needs the code of a county this platform serves as work county.");
            }

            if (change.MonthlyIncome is < 0 or > 1_000_000)
            {
                errors.Add($"members[{i}].monthlyIncome", "月收入应在 0 到 1,000,000 元之间。", "The monthly income must be between 0 and 1,000,000.");
            }

            var incomes = change.MonthlyIncome is { } income
                ? (IReadOnlyList<MonthlyIncome>)[new MonthlyIncome(working ? IncomeSource.Wage : IncomeSource.Other, income)]
                : members[index].MonthlyIncomes;
            members[index] = members[index] with { EmploymentStatus = employment, WorkCounty = workCounty, MonthlyIncomes = incomes };
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var policy = await db.PolicyOnAsync(today, ct);
        var facts = new HouseholdFacts(recipient.Category == RecipientCategory.Tekun ? Scheme.Tekun : Scheme.Dibao, null, recipient.HeadIdNumber, recipient.County, recipient.AreaType, members, previous.Circumstances);
        var result = MeansTestCalculator.Assess(facts, policy, new RosterFacts(false, false));
        var trace = result.Trace.ToList();

        // R7: gradual exit when the rise comes from work (a new job, more hours, a higher wage): WorkIncome decides.
        var effect = recipient.Reassess(result.Outcome == AssessmentOutcome.Eligible ? result.MonthlyAmount!.Value : null,
            WorkIncome.RoseFromWork(previous.Members, members), today,
            (int)policy.RequiredParameter(PolicyParameters.GradualExitMonths), reason!);
        trace.Add(effect.Trace);
        if (effect.Outcome == ReassessmentOutcome.Exited)
        {
            db.AddToOutbox(new RecipientExited(recipient.RecipientId, WireName.Of(recipient.Category), recipient.County, today, reason!));
        }

        var assessment = new Assessment
        {
            AssessmentId = Guid.CreateVersion7(now), ApplicationId = recipient.ApplicationId ?? Guid.Empty, AssessedAt = now, PolicyDate = today,
            Scheme = facts.Scheme, ApplicantIdNumber = recipient.HeadIdNumber, ApplicantName = recipient.HeadName, ResidenceCounty = recipient.County,
            HukouCounty = previous.HukouCounty, AreaType = recipient.AreaType, Outcome = result.Outcome, Category = result.Category, MonthlyAmount = result.MonthlyAmount,
            Standard = result.Standard, CountedIncome = result.CountedIncome, PerCapitaIncome = result.PerCapitaIncome,
            ReasonZh = $"复核（{reason}，{requestedBy}）：{result.ReasonZh}", ReasonEn = $"Reassessment ({reason}, {requestedBy}): {result.ReasonEn}",
            Trace = trace, Members = members, Circumstances = previous.Circumstances,
        };
        db.Assessments.Add(assessment);
        recipient.AssessmentId = assessment.AssessmentId;
        // A re-certification done: the next one is scheduled by category, and the work item closes.
        recipient.NextRecertificationOn = recipient.Status == RecipientStatus.Exited ? null : Recertification.NextDate(recipient.Category, members, today, policy);
        await Determinations.WorkQueue.CloseAsync(db, recipient.RecipientId, Caller.Of(http).Actor.Id, now, ct, Determinations.WorkKind.Recertify);
        await db.SaveChangesAsync(ct);

        return TypedResults.Ok(new ReassessmentView(AssessmentView.From(assessment), recipient.Status, recipient.MonthlyAmount, recipient.GradualExitUntil, recipient.ExitDate));
    }

    internal static async Task<Results<Ok<ReassessmentView>, ValidationProblem, ProblemHttpResult>> ExitAsync(
        Guid recipientId, ExitRequest request, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, 500);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var recipient = await db.Recipients.Include(r => r.Persons).FirstOrDefaultAsync(r => r.RecipientId == recipientId, ct);
        if (recipient is null)
        {
            return NotFound();
        }

        var today = ChinaTime.Today(clock);
        try
        {
            recipient.Exit(today, reason!);
        }
        catch (RosterTransitionException exception) when (recipient.Status == RecipientStatus.GradualExit)
        {
            return ApiProblems.Conflict("gradual_exit_in_progress",
                $"渐退期至 {recipient.GradualExitUntil:yyyy-MM-dd}，期满前不能退出（R7）。", exception.Message,
                new Dictionary<string, object?> { ["gradualExitUntil"] = recipient.GradualExitUntil });
        }
        catch (RosterTransitionException exception)
        {
            return ApiProblems.Conflict("already_exited", "该对象已退出。", exception.Message);
        }

        db.AddToOutbox(new RecipientExited(recipient.RecipientId, WireName.Of(recipient.Category), recipient.County, today, reason!));
        await db.SaveChangesAsync(ct);
        var assessment = await db.Assessments.AsNoTracking().FirstAsync(a => a.AssessmentId == recipient.AssessmentId, ct);
        return TypedResults.Ok(new ReassessmentView(AssessmentView.From(assessment), recipient.Status, recipient.MonthlyAmount, recipient.GradualExitUntil, recipient.ExitDate));
    }

    internal static async Task<Results<Ok<MonthlyRunResult>, ValidationProblem>> MonthlyRunAsync(
        MonthlyRunRequest? request, MonthlyRun run, TimeProvider clock, CancellationToken ct)
    {
        var month = ChinaTime.Today(clock);
        if (!string.IsNullOrWhiteSpace(request?.Month))
        {
            if (!DateOnly.TryParseExact(request.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month))
            {
                return ApiProblems.Validation("month", "月份格式应为 yyyy-MM。", "The month is written yyyy-MM.");
            }

            if (month > ChinaTime.Today(clock).AddMonths(1))
            {
                return ApiProblems.Validation("month", "最多提前一个月发放（R11）。", "Entitlements are issued at most one month ahead (R11).");
            }
        }

        return TypedResults.Ok(await run.RunAsync(month, ct));
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("recipient_not_found", "名册中没有该对象。", "No recipient has this id.");
}
