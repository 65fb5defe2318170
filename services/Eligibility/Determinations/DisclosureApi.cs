using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.Places;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Eligibility.Determinations;

/// <summary>
/// One line of a public list: as national practice masks it (surname + *, the identity number with at
/// most its first 6 and last 4 digits), with the household size and the amount proposed.
/// </summary>
public sealed record DisclosureEntry(Guid DeterminationId, string Name, string IdNumber, string Category, int HouseholdSize, decimal? MonthlyAmount,
    string County, string? Township, string? Village, DateTimeOffset DisclosedUntil);

public sealed record ObjectionRequest(string? Name, string? Contact, string? Text);

public sealed record ObjectionReceipt(Guid ObjectionId, DateTimeOffset LodgedAt);

/// <summary>Public disclosure (公示, R18 R20): anyone reads the proposals of a unit and may object, named or anonymous, without a token.</summary>
public static class DisclosureApi
{
    public const string Path = "/public/eligibility/disclosures";

    public static RouteGroupBuilder MapDisclosureApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Public disclosure (公示)");
        group.MapGet("/", ListAsync).NotCountyData("public disclosure, masked (R18, R20)")
            .WithSummary("Proposed approvals under disclosure in a township or village/community (unit), or a county; masked per national practice");
        group.MapPost("/{determinationId:guid}/objections", ObjectAsync).NotCountyData("anyone may object during disclosure (R20)").DisableAntiforgery()
            .WithSummary("Lodge an objection to a proposal under disclosure, named or anonymous");
        return group;
    }

    internal static async Task<Results<Ok<List<DisclosureEntry>>, ValidationProblem>> ListAsync(HttpContext http, EligibilityDbContext db, TimeProvider clock, CancellationToken ct, string? unit = null)
    {
        var places = PlaceRegistry.Current;
        if (unit is null || !places.IsServedUnit(unit))
        {
            return ApiProblems.Validation("unit", "请给出本平台服务的县、乡镇（街道）或村（社区）代码。", "Give the code of a county, township or village/community this platform serves.");
        }

        var level = places.LevelOf(unit);
        var township = level is UnitLevel.Township or UnitLevel.Village ? places.Lineage(unit).First(p => p.Level == UnitLevel.Township).Code : null;
        var now = clock.GetUtcNow();
        var query = db.Set<Determination>().AsNoTracking().Where(d => d.Stage == ProcedureStage.Disclosure && d.DisclosureStartsAt <= now && d.DisclosureEndsAt > now);
        // A village's list holds its own proposals; a township's, all of its villages' and those naming no village.
        query = level switch
        {
            UnitLevel.Village => query.Where(d => d.Village == unit),
            UnitLevel.Township => query.Where(d => d.Township == township),
            _ => query.Where(d => d.County == unit),
        };
        var rows = await query.OrderBy(d => d.DisclosureEndsAt).Take(500).ToListAsync(ct);
        // A public page: cached briefly by browsers and proxies (it changes when a proposal is made).
        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(rows.Select(d => new DisclosureEntry(d.DeterminationId, PersonalData.Surname(d.ApplicantName), PersonalData.MaskIdNumber(d.ApplicantIdNumber),
            d.Investigation!.Category, d.HouseholdSize, d.Investigation.MonthlyAmount, d.County, d.Township, d.Village, d.DisclosureEndsAt!.Value)).ToList());
    }

    internal static async Task<Results<Created<ObjectionReceipt>, ValidationProblem, ProblemHttpResult>> ObjectAsync(
        Guid determinationId, ObjectionRequest request, EligibilityDbContext db, ProcedureService procedure, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, 50, required: false);
        var contact = errors.Text("contact", request.Contact, 50, required: false);
        var text = errors.Text("text", request.Text, 2000);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var determination = await db.Set<Determination>().Include(d => d.Objections).FirstOrDefaultAsync(d => d.DeterminationId == determinationId, ct);
        if (determination is null)
        {
            return ApiProblems.NotFound("disclosure_not_found", "未找到该公示。", "No proposal under disclosure has this id.");
        }

        var now = clock.GetUtcNow();
        Objection objection;
        try
        {
            objection = determination.LodgeObjection(name, contact, text!, now);
        }
        catch (ProcedureException e)
        {
            return ApiProblems.Conflict(e.Code, e.Zh, e.Message);
        }

        if (!await db.Set<WorkItem>().AnyAsync(w => w.SubjectId == determinationId && w.Kind == WorkKind.ResolveObjection && w.DoneAt == null, ct))
        {
            var policy = await db.PolicyOnAsync(ChinaTime.DateOf(now), ct);
            WorkQueue.Open(db, WorkKind.ResolveObjection, determinationId, determination.County, determination.Township,
                ChinaTime.DateOf(now).AddDays((int)policy.RequiredParameter(PolicyParameters.ObjectionDays)), now);
        }

        procedure.Step(determination, "objection-lodged", now, "公示期间收到异议，处理前不予审批。", "An objection was lodged during disclosure: no decision until it is resolved.");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Path}/{determinationId}/objections/{objection.ObjectionId}", new ObjectionReceipt(objection.ObjectionId, objection.LodgedAt));
    }
}
