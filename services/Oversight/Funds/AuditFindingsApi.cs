using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Oversight.Complaints;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Oversight.Funds;

public sealed record AuditFindingRequest(string? County, int? Year, string? Source, string? Subject, decimal? Amount);

public sealed record AuditStepRequest(string? Text);

public sealed record AuditFindingView(Guid FindingId, string County, int Year, string Source, string Subject, decimal? Amount, DateOnly RectifyBy, DateOnly ReportBy,
    AuditFindingStatus Status, string? Overdue, string RecordedBy, string? Measures, DateTimeOffset? RectifiedAt, string? Report, DateTimeOffset? ReportedAt);

/// <summary>Audit findings about the funds and their rectification (R19), with the overdue list.</summary>
public static class AuditFindingsApi
{
    public static void MapAuditFindingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/oversight/audit-findings").WithTags("Fund supervision (R19)");
        group.MapPost("/", RecordAsync).CountyFromRequest("county").WithIdempotency("oversight-audit-findings")
            .WithSummary("Record an audit finding about a county's funds; its rectification and report deadlines are the year's (R19: 10 July, 15 August)");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Findings of the caller's counties; overdue=true for those late to rectify or report");
        group.MapPost("/{findingId:guid}/rectification", RectifyAsync).CountyCheckedByHandler("the finding's county")
            .WithSummary("The county records how it rectified the finding (a person)");
        group.MapPost("/{findingId:guid}/report", ReportAsync).CountyCheckedByHandler("the finding's county")
            .WithSummary("The county reports the rectification (a person)");
    }

    internal static async Task<Results<Created<AuditFindingView>, ValidationProblem, ProblemHttpResult>> RecordAsync(AuditFindingRequest request, HttpContext http,
        OversightDbContext db, IOptions<OversightOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var source = errors.Text("source", request.Source, 100);
        var subject = errors.Text("subject", request.Subject, 2000);
        if (request.Year is not { } year || year < 2015 || year > today.Year)
        {
            errors.Add("year", "审计年度为 2015 年至今年。", "The audit year is from 2015 to this year.");
        }

        errors.Yuan("amount", request.Amount, "涉及金额", "The amount involved", 10_000_000_000, zeroAllowed: true, required: false);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        if (caller.Refuses(county) is { } refused)
        {
            return refused;
        }

        var finding = AuditFinding.Record(county!, request.Year!.Value, source!, subject!, request.Amount, AuditDeadlines.For(options.Value.AuditDeadlines, request.Year.Value), caller.Actor, now);
        db.Add(finding);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/oversight/audit-findings/{finding.FindingId}", View(finding, today));
    }

    internal static async Task<Results<Ok<List<AuditFindingView>>, ValidationProblem, ProblemHttpResult>> ListAsync(HttpContext http, OversightDbContext db, TimeProvider clock,
        CancellationToken ct, string? county = null, int? year = null, bool overdue = false)
    {
        var caller = Caller.Of(http);
        if (caller.Refuses(county) is { } refused)
        {
            return refused;
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var query = caller.Visible(db.AuditFindings.AsNoTracking(), f => f.County).Where(f => (county == null || f.County == county) && (year == null || f.Year == year));
        if (overdue)
        {
            query = query.Where(f => (f.Status == AuditFindingStatus.Open && f.RectifyBy < today) || (f.Status != AuditFindingStatus.Reported && f.ReportBy < today));
        }

        var rows = await query.OrderBy(f => f.RectifyBy).ThenBy(f => f.Key).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(f => View(f, today)).ToList());
    }

    internal static Task<Results<Ok<AuditFindingView>, ValidationProblem, ProblemHttpResult>> RectifyAsync(Guid findingId, AuditStepRequest request, HttpContext http,
        OversightDbContext db, TimeProvider clock, CancellationToken ct) =>
        StepAsync(findingId, request, http, db, clock, (f, actor, text, now) => f.Rectify(actor, text, now), ct);

    internal static Task<Results<Ok<AuditFindingView>, ValidationProblem, ProblemHttpResult>> ReportAsync(Guid findingId, AuditStepRequest request, HttpContext http,
        OversightDbContext db, TimeProvider clock, CancellationToken ct) =>
        StepAsync(findingId, request, http, db, clock, (f, actor, text, now) => f.ReportRectification(actor, text, now), ct);

    private static async Task<Results<Ok<AuditFindingView>, ValidationProblem, ProblemHttpResult>> StepAsync(Guid findingId, AuditStepRequest request, HttpContext http,
        OversightDbContext db, TimeProvider clock, Action<AuditFinding, Actor, string, DateTimeOffset> step, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var text = errors.Text("text", request.Text, 2000);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var finding = await db.AuditFindings.FirstOrDefaultAsync(f => f.FindingId == findingId, ct);
        if (finding is null)
        {
            return ApiProblems.NotFound("finding_not_found", "未找到该审计问题。", "No audit finding has this id.");
        }

        if (caller.Refuses(finding.County) is { } refused)
        {
            return refused;
        }

        if (caller.Actor.Kind != ActorKind.Person)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "person_required", "无权办理 / Forbidden", "整改与报送由工作人员本人办理。", "A person records the rectification and its report.");
        }

        var now = clock.GetUtcNow();
        try
        {
            step(finding, caller.Actor, text!, now);
        }
        catch (OversightException e)
        {
            return ApiProblems.Problem(e.Status, e.Code, "冲突 / Conflict", e.Zh, e.Message);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(finding, ChinaTime.DateOf(now)));
    }

    private static AuditFindingView View(AuditFinding f, DateOnly today) => new(f.FindingId, f.County, f.Year, f.Source, f.Subject, f.Amount, f.RectifyBy, f.ReportBy,
        f.Status, f.OverdueOn(today), f.RecordedBy, f.Measures, f.RectifiedAt, f.Report, f.ReportedAt);
}
