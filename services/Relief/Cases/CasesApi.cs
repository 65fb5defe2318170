using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.Relief.Grants;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Relief.Cases;

/// <summary>Settings of temporary assistance (configuration section <c>Relief</c>).</summary>
public sealed class ReliefOptions
{
    public const string SectionName = "Relief";

    /// <summary>R20: a second grant of the same kind to the same person within this window is refused.</summary>
    public TimeSpan OneGrantPerIncidentWindow { get; set; } = TimeSpan.FromDays(90);
}

public sealed record GrantRequest(string? PayingCounty, decimal? Multiplier, decimal? Amount, string? ProposedBy, string? ApprovedBy, string? Reason);

public sealed record RejectRequest(string? DecidedBy, string? Reason);

public sealed record CaseView(
    Guid CaseId, Guid ApplicationId, TemporaryAssistanceKind Kind, string PersonIdNumber, string PersonName, bool Urgent, CaseStatus Status,
    IReadOnlyList<PayingCountyOption> PayingCounties, decimal MultiplierMin, decimal MultiplierMax, DateTimeOffset OpenedAt,
    Guid? GrantId, string? PayingCounty, decimal? UrbanStandard, decimal? Multiplier, decimal? Amount, bool CaseByCase,
    string? ProposedBy, string? ApprovedBy, string? Reason, DateTimeOffset? DecidedAt)
{
    public static CaseView From(ReliefCase c, bool mask) => new(
        c.CaseId, c.ApplicationId, c.Kind, mask ? PersonalData.MaskIdNumber(c.PersonIdNumber) : c.PersonIdNumber, c.PersonName, c.Urgent, c.Status,
        c.Basis.PayingCounties, c.Basis.MultiplierMin, c.Basis.MultiplierMax, c.OpenedAt, c.GrantId, c.PayingCounty, c.UrbanStandard, c.Multiplier,
        c.Amount, c.CaseByCase, c.ProposedBy, c.ApprovedBy, c.Reason, c.DecidedAt);
}

/// <summary>Temporary-assistance cases and their grants (R4 R5 R8 R9 R10 R13 R14 R20).</summary>
public static class CasesApi
{
    public const string Path = "/api/relief/cases";

    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Temporary assistance");
        group.MapGet("/", ListAsync).WithSummary("Cases by status, county or application; identity numbers masked");
        group.MapGet("/{caseId:guid}", GetAsync).WithSummary("A case with its grant");
        group.MapPost("/{caseId:guid}/grant", GrantAsync).WithIdempotency("relief-grants")
            .WithSummary("Approve the grant: multiplier × the paying county's urban standard (default the lowest multiplier); above the range, a case-by-case decision (R14)");
        group.MapPost("/{caseId:guid}/reject", RejectAsync).WithSummary("Reject the case with a reason");
        return group;
    }

    internal static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> GrantAsync(
        Guid caseId, GrantRequest request, ReliefDbContext db, TimeProvider clock, IOptions<ReliefOptions> options, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var proposedBy = errors.Text("proposedBy", request.ProposedBy, 50);
        var approvedBy = errors.Text("approvedBy", request.ApprovedBy, 50, required: false);
        var reason = errors.Text("reason", request.Reason, 1000, required: false);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reliefCase = await db.Cases.FirstOrDefaultAsync(c => c.CaseId == caseId, ct);
        if (reliefCase is null)
        {
            return NotFound();
        }

        // Serialize grants to one person, so two counties cannot both pay the same incident at once.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({reliefCase.PersonIdNumber}))", ct);
        await db.Entry(reliefCase).ReloadAsync(ct);
        if (reliefCase.Status != CaseStatus.Open)
        {
            return ApiProblems.Conflict("case_not_open", "该案件已审批或已驳回。", "This case was already granted or rejected.",
                new Dictionary<string, object?> { ["status"] = WireName.Of(reliefCase.Status) });
        }

        var now = clock.GetUtcNow();
        var since = now - options.Value.OneGrantPerIncidentWindow;
        var earlier = await db.Cases.AsNoTracking()
            .Where(c => c.PersonIdNumber == reliefCase.PersonIdNumber && c.Kind == reliefCase.Kind && c.Status == CaseStatus.Granted && c.DecidedAt >= since && c.Key != reliefCase.Key)
            .OrderByDescending(c => c.DecidedAt).FirstOrDefaultAsync(ct);
        if (earlier is not null)
        {
            return ApiProblems.Conflict("already_granted_for_incident",
                $"该对象已于 {earlier.DecidedAt:yyyy-MM-dd} 因同类事由获得临时救助（一事一救，R20）。",
                $"This person was already granted this kind of temporary assistance on {earlier.DecidedAt:yyyy-MM-dd} (one grant per incident, R20).",
                new Dictionary<string, object?> { ["existingCaseId"] = earlier.CaseId, ["location"] = $"{Path}/{earlier.CaseId}" });
        }

        var (decision, refusal) = GrantCalculator.Decide(reliefCase.Basis, new GrantProposal(request.PayingCounty, request.Multiplier, request.Amount, proposedBy!, approvedBy, reason));
        if (refusal is not null)
        {
            return refusal.Unprocessable
                ? ApiProblems.Unprocessable(refusal.Code, refusal.MessageZh, refusal.MessageEn, new Dictionary<string, object?> { ["field"] = refusal.Field })
                : ApiProblems.Validation(refusal.Field, refusal.MessageZh, refusal.MessageEn);
        }

        reliefCase.Grant(decision!, proposedBy!, reason, now);
        db.AddToOutbox(new GrantApproved(reliefCase.GrantId!.Value, reliefCase.CaseId, reliefCase.ApplicationId, $"temporary-assistance:{reliefCase.CaseId}:1",
            reliefCase.PersonIdNumber, reliefCase.PersonName, decision!.PayingCounty, "temporary-assistance", decision.Amount, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    internal static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid caseId, RejectRequest request, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var decidedBy = errors.Text("decidedBy", request.DecidedBy, 50);
        var reason = errors.Text("reason", request.Reason, 1000);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var reliefCase = await db.Cases.FirstOrDefaultAsync(c => c.CaseId == caseId, ct);
        if (reliefCase is null)
        {
            return NotFound();
        }

        if (reliefCase.Status != CaseStatus.Open)
        {
            return ApiProblems.Conflict("case_not_open", "该案件已审批或已驳回。", "This case was already granted or rejected.");
        }

        reliefCase.Reject(decidedBy!, reason!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(Guid caseId, ReliefDbContext db, CancellationToken ct)
    {
        var reliefCase = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.CaseId == caseId, ct);
        return reliefCase is null ? NotFound() : TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    internal static async Task<Results<Ok<object>, ValidationProblem>> ListAsync(
        ReliefDbContext db, CancellationToken ct, string? status = null, string? county = null, Guid? applicationId = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var statusFilter = status is null ? null : errors.Enum<CaseStatus>("status", status);
        if (county is not null)
        {
            errors.County("county", county);
        }

        if (page < 1 || pageSize is < 1 or > 100)
        {
            errors.Add("pageSize", "每页 1 到 100 条，页码从 1 开始。", "Between 1 and 100 per page; pages start at 1.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var query = db.Cases.AsNoTracking();
        if (statusFilter is { } s) query = query.Where(c => c.Status == s);
        if (county is not null) query = query.Where(c => c.County == county);
        if (applicationId is not null) query = query.Where(c => c.ApplicationId == applicationId);
        var total = await query.CountAsync(ct);
        var cases = await query.OrderByDescending(c => c.OpenedAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok<object>(new { items = cases.Select(c => CaseView.From(c, mask: true)), page, pageSize, total });
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("case_not_found", "未找到该案件。", "No case has this id.");
}
