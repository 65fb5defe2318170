using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults.Http;

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
        group.MapGet("/applications/{applicationId:guid}/assessments", ForApplicationAsync)
            .WithSummary("The assessments of an application, newest first, each with its figures and rule trace (R6, R20)");
        group.MapGet("/assessments/{assessmentId:guid}", GetAsync).WithSummary("One assessment with its rule trace");
        return group;
    }

    internal static async Task<Results<Ok<List<AssessmentView>>, ProblemHttpResult>> ForApplicationAsync(Guid applicationId, EligibilityDbContext db, CancellationToken ct)
    {
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.ApplicationId == applicationId).OrderByDescending(a => a.AssessedAt).ToListAsync(ct);
        return assessments.Count == 0
            ? ApiProblems.NotFound("assessment_not_found", "该申请尚未评估（或不存在）。", "This application has not been assessed (or does not exist).")
            : TypedResults.Ok(assessments.Select(AssessmentView.From).ToList());
    }

    internal static async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> GetAsync(Guid assessmentId, EligibilityDbContext db, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.AssessmentId == assessmentId, ct);
        return assessment is null
            ? ApiProblems.NotFound("assessment_not_found", "未找到该评估。", "No assessment has this id.")
            : TypedResults.Ok(AssessmentView.From(assessment));
    }
}
