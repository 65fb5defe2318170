using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Eligibility.Assessments;

public sealed record AssessmentView(
    Guid AssessmentId, Guid ApplicationId, DateTimeOffset AssessedAt, DateOnly PolicyDate, Scheme Scheme, TemporaryAssistanceKind? TemporaryAssistanceKind,
    string ResidenceCounty, AreaType AreaType, AssessmentOutcome Outcome, string Category, decimal? MonthlyAmount, decimal? Standard,
    decimal? CountedIncome, decimal? PerCapitaIncome, string ReasonZh, string ReasonEn, IReadOnlyList<RuleTraceStep> Trace)
{
    public static AssessmentView From(Assessment a) => new(
        a.AssessmentId, a.ApplicationId, a.AssessedAt, a.PolicyDate, a.Scheme, a.TemporaryAssistanceKind, a.ResidenceCounty, a.AreaType,
        a.Outcome, a.Category, a.MonthlyAmount, a.Standard, a.CountedIncome, a.PerCapitaIncome, a.ReasonZh, a.ReasonEn, a.Trace);
}

/// <summary>Assessments with their rule traces (R6, R20).</summary>
public static class AssessmentsApi
{
    public static RouteGroupBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/eligibility").WithTags("Assessments");
        // An assessment belongs to its application's residence and hukou counties; another county's reads as not found.
        group.MapGet("/applications/{applicationId:guid}/assessments", ForApplicationAsync)
            .CountyCheckedByHandler("the application's residence or hukou county (another county's: 404)")
            .WithSummary("The assessments of an application, newest first, each with its figures and rule trace (R6, R20)");
        group.MapGet("/assessments/{assessmentId:guid}", GetAsync)
            .CountyCheckedByHandler("the assessment's residence or hukou county (another county's: 404)").WithSummary("One assessment with its rule trace");
        return group;
    }

    internal static async Task<Results<Ok<List<AssessmentView>>, ProblemHttpResult>> ForApplicationAsync(Guid applicationId, HttpContext http, EligibilityDbContext db, CancellationToken ct)
    {
        var assessments = await Visible(http, db).Where(a => a.ApplicationId == applicationId).OrderByDescending(a => a.AssessedAt).ToListAsync(ct);
        return assessments.Count == 0
            ? ApiProblems.NotFound("assessment_not_found", "该申请尚未评估（或不存在）。", "This application has not been assessed (or does not exist).")
            : TypedResults.Ok(assessments.Select(AssessmentView.From).ToList());
    }

    internal static async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> GetAsync(Guid assessmentId, HttpContext http, EligibilityDbContext db, CancellationToken ct)
    {
        var assessment = await Visible(http, db).FirstOrDefaultAsync(a => a.AssessmentId == assessmentId, ct);
        return assessment is null
            ? ApiProblems.NotFound("assessment_not_found", "未找到该评估。", "No assessment has this id.")
            : TypedResults.Ok(AssessmentView.From(assessment));
    }

    private static IQueryable<Assessment> Visible(HttpContext http, EligibilityDbContext db) =>
        Caller.Of(http).Visible(db.Assessments.AsNoTracking(), a => a.ResidenceCounty, a => a.HukouCounty);
}
