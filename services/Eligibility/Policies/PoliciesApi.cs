using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Roster;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.Places;

namespace ReliefPlatform.Eligibility.Policies;

public sealed record StandardView(string County, string CountyName, AreaType AreaType, StandardKind Kind, decimal MonthlyAmount, DateOnly EffectiveFrom, string RecordedBy, DateTimeOffset RecordedAt, string? Note)
{
    public static StandardView From(CountyStandard s) =>
        new(s.County, PlaceRegistry.Current.NameOf(s.County), s.AreaType, s.Kind, s.MonthlyAmount, s.EffectiveFrom, s.RecordedBy, s.RecordedAt, s.Note);
}

public sealed record ParameterView(string Name, decimal Value, DateOnly EffectiveFrom, string RecordedBy, DateTimeOffset RecordedAt, string? Note)
{
    public static ParameterView From(PolicyParameter p) => new(p.Name, p.Value, p.EffectiveFrom, p.RecordedBy, p.RecordedAt, p.Note);
}

public sealed record StandardRequest(string? County, string? AreaType, string? Kind, decimal? MonthlyAmount, DateOnly? EffectiveFrom, string? RecordedBy, string? Note);

public sealed record ParameterRequest(decimal? Value, DateOnly? EffectiveFrom, string? RecordedBy, string? Note);

/// <summary>
/// Policy as data (R11): county standards and province-wide parameters, each a dated version. A
/// change is a new version with who and when; versions already in force are never edited, so past
/// assessments keep the figures they used.
/// </summary>
public static class PoliciesApi
{
    public const string Path = "/api/eligibility/policies";

    public static RouteGroupBuilder MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Policies");
        group.MapGet("/standards", StandardsAsync).NotCountyData("published policy (R18)").WithSummary("The standards in force on a date (default today), per county, area type and kind");
        // R18: the standards are published to everyone, without a token (the public site, posters' links).
        app.MapGet("/public/eligibility/standards", StandardsAsync).WithTags("Public disclosure (公示)").NotCountyData("published policy (R18)")
            .WithSummary("The standards in force on a date (default today), per county, for the public");
        group.MapGet("/standards/history", HistoryAsync).NotCountyData("published policy (R18)").WithSummary("Every version of the standards, with who recorded them and when");
        // Standards are set by the city and provincial governments (R11): provincial callers record them;
        // a county approver records their own county's, including one entered late for a past month.
        group.MapPost("/standards", SetStandardAsync).CountyFromRequest("county").WithIdempotency("eligibility-policies-set-standard")
            .WithSummary("Record a new version of a county standard, effective from a date; a county approver may record one for a past month (up to 12 back): every affected recipient is recalculated from it and the difference paid or recovered (R11)");
        group.MapGet("/parameters", ParametersAsync).NotCountyData("published policy (R18)").WithSummary("The province-wide parameters in force on a date, and their history");
        group.MapPost("/parameters/{name}", SetParameterAsync).ProvinceWide().WithIdempotency("eligibility-policies-set-parameter").WithSummary("Record a new version of a parameter, effective from a date");
        return group;
    }

    internal static async Task<Results<Ok<List<StandardView>>, ValidationProblem>> StandardsAsync(
        EligibilityDbContext db, TimeProvider clock, CancellationToken ct, string? county = null, DateOnly? at = null)
    {
        var countyErrors = new ValidationErrors();
        if (county is not null && countyErrors.County("county", county) is null)
        {
            return ApiProblems.Validation(countyErrors.ToDictionary());
        }

        var snapshot = await db.PolicyOnAsync(at ?? ChinaTime.Today(clock), ct);
        var inForce = PlaceRegistry.Current.ServedCounties.Select(c => c.Code).Where(c => county is null || c == county)
            .SelectMany(c => Enum.GetValues<AreaType>().SelectMany(area => Enum.GetValues<StandardKind>().Select(kind => snapshot.Standard(c, area, kind))))
            .OfType<CountyStandard>()
            .Select(StandardView.From)
            .ToList();
        return TypedResults.Ok(inForce);
    }

    internal static async Task<Ok<List<StandardView>>> HistoryAsync(EligibilityDbContext db, CancellationToken ct, string? county = null)
    {
        var query = db.CountyStandards.AsNoTracking();
        if (county is not null)
        {
            query = query.Where(s => s.County == county);
        }

        var all = await query.OrderBy(s => s.County).ThenBy(s => s.AreaType).ThenBy(s => s.Kind).ThenBy(s => s.EffectiveFrom).ToListAsync(ct);
        return TypedResults.Ok(all.Select(StandardView.From).ToList());
    }

    internal static async Task<Results<Created<StandardView>, ValidationProblem, ProblemHttpResult>> SetStandardAsync(
        StandardRequest request, HttpContext http, EligibilityDbContext db, StandardRecalculation recalculation, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var caller = Caller.Of(http);
        var approver = caller.Actor.Kind == Contracts.Security.ActorKind.Person && caller.Roles.Contains(Contracts.Security.PlatformRoles.CountyApprover);
        if (!caller.AllCounties && !approver)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "province_only", "无权访问 / Forbidden",
                "标准由省、市政府制定：由省级平台或本县审批人录入。", "Standards are set by the province and cities: recorded by provincial callers or the county's approver.");
        }

        if (caller.Refuses(county) is { } refused)
        {
            return refused;
        }

        var area = errors.Enum<AreaType>("areaType", request.AreaType);
        var kind = errors.Enum<StandardKind>("kind", request.Kind);
        Amount(errors, "monthlyAmount", request.MonthlyAmount, 10_000m);
        var recordedBy = Caller.Of(http).Actor.Name;
        var note = errors.Text("note", request.Note, 500, required: false);
        var today = ChinaTime.Today(clock);
        if (approver && request.EffectiveFrom is { } from && from < today)
        {
            // R11: a standard decided for a past month and entered late, by a person who answers for it.
            if (from < today.AddMonths(-12))
            {
                errors.Add("effectiveFrom", "补录的标准最多追溯 12 个月。", "A standard entered late goes back at most 12 months.");
            }
        }
        else
        {
            EffectiveFrom(errors, request.EffectiveFrom, today);
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var standard = new CountyStandard
        {
            County = county!, AreaType = area!.Value, Kind = kind!.Value, MonthlyAmount = request.MonthlyAmount!.Value,
            EffectiveFrom = request.EffectiveFrom!.Value, RecordedBy = recordedBy!, RecordedAt = clock.GetUtcNow(), Note = note,
        };
        db.CountyStandards.Add(standard);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("version_exists", "该日期已有一个版本；请以新的生效日期记录调整。", "A version with this effective date exists; record the change with a new effective date.");
        }

        // In force already (today or a past month): recipients follow it now. A later version waits for
        // the monthly run of its month; one whose recalculation failed here is applied by that run too.
        if (standard.EffectiveFrom <= today)
        {
            await recalculation.ApplyAsync(standard, ct);
        }

        return TypedResults.Created($"{Path}/standards/history?county={standard.County}", StandardView.From(standard));
    }

    internal static async Task<Ok<object>> ParametersAsync(EligibilityDbContext db, TimeProvider clock, CancellationToken ct, DateOnly? at = null)
    {
        var date = at ?? ChinaTime.Today(clock);
        var snapshot = await db.PolicyOnAsync(date, ct);
        var history = await db.PolicyParameters.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.EffectiveFrom).ToListAsync(ct);
        return TypedResults.Ok<object>(new
        {
            date,
            inForce = PolicyParameters.All.ToDictionary(name => name, snapshot.Parameter),
            history = history.Select(ParameterView.From),
        });
    }

    internal static async Task<Results<Created<ParameterView>, ValidationProblem, ProblemHttpResult>> SetParameterAsync(
        string name, ParameterRequest request, HttpContext http, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!PolicyParameters.All.Contains(name))
        {
            errors.Add("name", $"未知参数，可选：{string.Join(", ", PolicyParameters.All)}。", $"Unknown parameter; use one of: {string.Join(", ", PolicyParameters.All)}.");
        }

        Amount(errors, "value", request.Value, 1_000_000m);
        if (name == PolicyParameters.GradualExitMonths && request.Value is < 6)
        {
            errors.Add("value", "渐退期不少于 6 个月（R7）。", "The gradual-exit period is at least six months (R7).");
        }

        var recordedBy = Caller.Of(http).Actor.Name;
        var note = errors.Text("note", request.Note, 500, required: false);
        EffectiveFrom(errors, request.EffectiveFrom, ChinaTime.Today(clock));
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var parameter = new PolicyParameter
        {
            Name = name, Value = request.Value!.Value, EffectiveFrom = request.EffectiveFrom!.Value, RecordedBy = recordedBy!, RecordedAt = clock.GetUtcNow(), Note = note,
        };
        db.PolicyParameters.Add(parameter);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("version_exists", "该日期已有一个版本；请以新的生效日期记录调整。", "A version with this effective date exists; record the change with a new effective date.");
        }

        return TypedResults.Created($"{Path}/parameters", ParameterView.From(parameter));
    }

    private static void Amount(ValidationErrors errors, string field, decimal? value, decimal max)
    {
        if (value is null)
        {
            errors.Add(field, "必填。", "Required.");
        }
        else if (value <= 0 || value > max)
        {
            errors.Add(field, $"应大于 0 且不超过 {max}。", $"Must be above 0 and at most {max}.");
        }
        else if (decimal.Round(value.Value, 4) != value.Value)
        {
            errors.Add(field, "小数位过多。", "Too many decimals.");
        }
    }

    /// <summary>A new version takes effect today or later: what was in force on a past date stays as it was.</summary>
    private static void EffectiveFrom(ValidationErrors errors, DateOnly? effectiveFrom, DateOnly today)
    {
        if (effectiveFrom is null)
        {
            errors.Add("effectiveFrom", "必填。", "Required.");
        }
        else if (effectiveFrom < today)
        {
            errors.Add("effectiveFrom", "生效日期不能早于今天：已生效的标准不能追溯修改。", "The effective date cannot be in the past: values already in force are never rewritten.");
        }
        else if (effectiveFrom > today.AddYears(5))
        {
            errors.Add("effectiveFrom", "生效日期最多在五年之后。", "The effective date is at most five years ahead.");
        }
    }
}
