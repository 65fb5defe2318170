using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Oversight.Complaints;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Oversight.Supervision;

public sealed record FlagView(Guid FlagId, string Rule, string County, string SummaryZh, string SummaryEn, JsonElement Evidence, DateTimeOffset RaisedAt, FlagStatus Status,
    string? InvestigatedBy, string? Reasons, decimal? RecoveryAmount, string? ClosedBy, DateTimeOffset? ClosedAt);

public sealed record FlagClosingRequest(string? Reasons, decimal? RecoveryAmount = null);

public sealed record RelativeRequest(string? IdNumber, string? Name, string? Relation);

public sealed record RelativeView(string IdNumber, string Name, string Relation, DateTimeOffset DeclaredAt);

/// <summary>Supervision flags (R20) and the register of staff's close relatives that one of the rules reads.</summary>
public static class FlagsApi
{
    /// <summary>The close relatives staff declare (the national rules on avoiding "relationship dibao").</summary>
    public static readonly IReadOnlyList<string> Relations = ["spouse", "parent", "child", "sibling", "grandparent", "grandchild", "parent-in-law", "child-in-law"];

    public static void MapFlagsApi(this IEndpointRouteBuilder app)
    {
        var flags = app.MapGroup("/api/oversight/flags").WithTags("Supervision flags");
        flags.MapGet("/", ListAsync).CountyFiltered()
            .WithSummary("Flags the supervision rules raised in the caller's counties, newest first; filter by rule and status (R20)");
        flags.MapGet("/{flagId:guid}", GetAsync).CountyCheckedByHandler("the flag's county").WithSummary("One flag with its evidence");
        flags.MapPost("/{flagId:guid}/take", TakeAsync).CountyCheckedByHandler("the flag's county").WithSummary("Take a flag to investigate it (a person)");
        flags.MapPost("/{flagId:guid}/confirmation", ConfirmAsync).CountyCheckedByHandler("the flag's county").WithIdempotency("oversight-flag-confirmations")
            .WithSummary("Confirm a flag with the reasons and the amount to recover, if any (a person; R20)");
        flags.MapPost("/{flagId:guid}/dismissal", DismissAsync).CountyCheckedByHandler("the flag's county").WithIdempotency("oversight-flag-dismissals")
            .WithSummary("Dismiss a flag with the reasons (a person; R20)");

        var relatives = app.MapGroup("/api/oversight/relatives").WithTags("Staff relatives register");
        relatives.MapPost("/", DeclareAsync).NotCountyData("a person declares their own close relatives")
            .WithSummary("Declare one of the caller's close relatives (the register the relationship-dibao rule reads; R20)");
        relatives.MapGet("/", MineAsync).NotCountyData("a person reads their own declarations").WithSummary("The caller's own declarations, masked");
    }

    internal static async Task<Results<Ok<PagedList<FlagView>>, ValidationProblem, ProblemHttpResult>> ListAsync(HttpContext http, OversightDbContext db, CancellationToken ct,
        string? county = null, string? rule = null, string? status = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        errors.Paging(page, pageSize);
        var state = errors.Enum<FlagStatus>("status", status, required: false);
        if (rule is not null && !SupervisionRules.All.Contains(rule))
        {
            errors.Add("rule", $"可选：{string.Join(", ", SupervisionRules.All)}。", $"Use one of: {string.Join(", ", SupervisionRules.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        if (caller.Refuses(county) is { } refused)
        {
            return refused;
        }

        var query = caller.Visible(db.Flags.AsNoTracking(), f => f.County);
        query = county is null ? query : query.Where(f => f.County == county);
        query = rule is null ? query : query.Where(f => f.Rule == rule);
        query = state is null ? query : query.Where(f => f.Status == state);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(f => f.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<FlagView>([.. rows.Select(View)], page, pageSize, total));
    }

    internal static async Task<Results<Ok<FlagView>, ProblemHttpResult>> GetAsync(Guid flagId, HttpContext http, OversightDbContext db, CancellationToken ct)
    {
        var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.FlagId == flagId, ct);
        return flag is null ? NotFound() : Caller.Of(http).Refuses(flag.County) is { } refused ? refused : TypedResults.Ok(View(flag));
    }

    internal static Task<Results<Ok<FlagView>, ValidationProblem, ProblemHttpResult>> TakeAsync(Guid flagId, HttpContext http, OversightDbContext db, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(flagId, http, db, (flag, actor) => flag.Take(actor, clock.GetUtcNow()), ct);

    internal static async Task<Results<Ok<FlagView>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        Guid flagId, FlagClosingRequest request, HttpContext http, OversightDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reasons = errors.Text("reasons", request.Reasons, 2000);
        errors.Yuan("recoveryAmount", request.RecoveryAmount, "追回金额", "The amount to recover", 10_000_000, zeroAllowed: true, required: false);

        return !errors.IsEmpty
            ? ApiProblems.Validation(errors.ToDictionary())
            : await ChangeAsync(flagId, http, db, (flag, actor) => flag.Confirm(actor, reasons!, request.RecoveryAmount, clock.GetUtcNow()), ct);
    }

    internal static async Task<Results<Ok<FlagView>, ValidationProblem, ProblemHttpResult>> DismissAsync(
        Guid flagId, FlagClosingRequest request, HttpContext http, OversightDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reasons = errors.Text("reasons", request.Reasons, 2000);
        return !errors.IsEmpty
            ? ApiProblems.Validation(errors.ToDictionary())
            : await ChangeAsync(flagId, http, db, (flag, actor) => flag.Dismiss(actor, reasons!, clock.GetUtcNow()), ct);
    }

    private static async Task<Results<Ok<FlagView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(Guid flagId, HttpContext http, OversightDbContext db, Action<Flag, Actor> step, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var flag = await db.Flags.FirstOrDefaultAsync(f => f.FlagId == flagId, ct);
        if (flag is null)
        {
            return NotFound();
        }

        if (caller.Refuses(flag.County) is { } refused)
        {
            return refused;
        }

        if (caller.Actor.Kind != ActorKind.Person)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "person_required", "无权办理 / Forbidden", "疑点由工作人员本人调查和作结论。", "A person investigates and closes a flag.");
        }

        try
        {
            step(flag, caller.Actor);
        }
        catch (OversightException e)
        {
            return ApiProblems.Problem(e.Status, e.Code, "冲突 / Conflict", e.Zh, e.Message);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(flag));
    }

    internal static async Task<Results<Created<RelativeView>, ValidationProblem, ProblemHttpResult>> DeclareAsync(RelativeRequest request, HttpContext http, OversightDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (caller.Actor.Kind != ActorKind.Person)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "person_required", "无权办理 / Forbidden", "近亲属由工作人员本人申报。", "Staff declare their own relatives.");
        }

        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var id = errors.IdNumber("idNumber", request.IdNumber, ServiceDefaults.ChinaTime.DateOf(now));
        var name = errors.PersonName("name", request.Name);
        if (request.Relation is null || !Relations.Contains(request.Relation))
        {
            errors.Add("relation", $"可选：{string.Join(", ", Relations)}。", $"Use one of: {string.Join(", ", Relations)}.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO staff_relatives (staff_id, staff_name, staff_unit, relative_id_number, relative_name, relation, declared_at)
            VALUES ({caller.Subject}, {caller.Actor.Name}, {caller.Unit}, {id}, {name}, {request.Relation}, {now})
            ON CONFLICT (staff_id, relative_id_number) DO UPDATE SET relation = excluded.relation, relative_name = excluded.relative_name
            """, ct);
        return TypedResults.Created("/api/oversight/relatives", new RelativeView(PersonalData.MaskIdNumber(id), PersonalData.MaskName(name), request.Relation!, now));
    }

    internal static async Task<Results<Ok<List<RelativeView>>, ProblemHttpResult>> MineAsync(HttpContext http, OversightDbContext db, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var rows = await db.StaffRelatives.AsNoTracking().Where(r => r.StaffId == caller.Subject).OrderBy(r => r.Key).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new RelativeView(PersonalData.MaskIdNumber(r.RelativeIdNumber), PersonalData.MaskName(r.RelativeName), r.Relation, r.DeclaredAt)).ToList());
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("flag_not_found", "未找到该疑点。", "No flag has this id.");

    private static FlagView View(Flag f)
    {
        using var evidence = JsonDocument.Parse(f.Evidence);
        return new FlagView(f.FlagId, f.Rule, f.County, f.SummaryZh, f.SummaryEn, evidence.RootElement.Clone(), f.RaisedAt, f.Status, f.InvestigatedBy, f.Reasons, f.RecoveryAmount, f.ClosedBy, f.ClosedAt);
    }
}
