using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Places;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Relief.SocialForces;

public sealed record CharityRequest(string? County, string? Name, string? CreditCode, string? Contact, string? Phone);

public sealed record ProjectRequest(string? Name, string? Funds, string? ForWhom, int? Capacity);

public sealed record ReferralRequest(string? County, string? Township, string? PersonIdNumber, string? PersonName, Guid? CaseId, string? Need, decimal? Shortfall, Guid? ProjectId);

public sealed record ReferralAnswerRequest(bool? Accepted, string? AnsweredBy, string? Reason);

public sealed record ReferralOutcomeRequest(string? Outcome, decimal? Amount);

public sealed record HelperRequest(string? County, string? Kind, string? Name, string? Phone, string? Certificate, List<string>? Units);

public sealed record ProjectView(Guid ProjectId, Guid CharityId, string CharityName, string County, string Name, string Funds, string ForWhom, int Capacity, int Accepted, int PlacesLeft, bool Open);

public sealed record ReferralView(Guid ReferralId, string County, string Township, string PersonIdNumber, string PersonName, Guid? CaseId, string Need, decimal? Shortfall,
    Guid ProjectId, ReferralStatus Status, string ProposedBy, DateTimeOffset ProposedAt, string? AnsweredBy, DateTimeOffset? AnsweredAt, string? DeclineReason,
    string? Outcome, decimal? OutcomeAmount, DateTimeOffset? CompletedAt)
{
    public static ReferralView From(Referral r, bool mask) => new(r.ReferralId, r.County, r.Township, mask ? PersonalData.MaskIdNumber(r.PersonIdNumber) : r.PersonIdNumber,
        mask ? PersonalData.MaskName(r.PersonName) : r.PersonName, r.CaseId, r.Need, r.Shortfall, r.ProjectId, r.Status, r.ProposedBy, r.ProposedAt, r.AnsweredBy, r.AnsweredAt,
        r.DeclineReason, r.Outcome, r.OutcomeAmount, r.CompletedAt);
}

public sealed record HelperView(Guid HelperId, string County, HelperKind Kind, string Name, string Phone, string? Certificate, IReadOnlyList<string> Units);

/// <summary>
/// Social forces (R17): charities and their projects, referrals of cases assistance cannot fully cover
/// with the charity's answer and outcome, and the volunteers and social workers serving each unit.
/// </summary>
public static class SocialForcesApi
{
    public const string Path = "/api/relief/social-forces";

    public static RouteGroupBuilder MapSocialForcesApi(this IEndpointRouteBuilder app)
    {
        // A township's people reach their township's referrals only (403 for another's), before any handler runs.
        var group = app.MapGroup(Path).WithTags("Social forces (R17)")
            .RequireTownshipOf<RouteGroupBuilder, ReliefDbContext>("referralId",
                (db, id) => db.Set<Referral>().Where(r => r.ReferralId == id).Select(r => (string?)r.Township));
        group.MapPost("/charities", AddCharityAsync).CountyFromRequest("county").WithIdempotency("relief-charities").WithSummary("Register a charity working with the county");
        group.MapPost("/charities/{charityId:guid}/projects", AddProjectAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("charityId", CharityCountyOf)
            .WithIdempotency("relief-charity-projects").WithSummary("A charity's project: what it funds, for whom, how many cases it can take");
        group.MapGet("/projects", ProjectsAsync).CountyFiltered().WithSummary("The county's charity projects with their places left");
        group.MapPost("/referrals", ReferAsync).CountyFromRequest("county").WithIdempotency("relief-referrals")
            .WithSummary("Refer a case assistance cannot fully cover to a charity's open project (R1, R17)");
        group.MapGet("/referrals", ReferralsAsync).CountyFiltered().WithSummary("Referrals by status; names and identity numbers masked");
        group.MapPost("/referrals/{referralId:guid}/answer", AnswerAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("referralId", ReferralCountyOf)
            .WithIdempotency("relief-referral-answers").WithSummary("The charity's answer: accepted (takes a place; 409 when none is left) or declined with a reason");
        group.MapPost("/referrals/{referralId:guid}/outcome", OutcomeAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("referralId", ReferralCountyOf)
            .WithIdempotency("relief-referral-outcomes").WithSummary("What the charity gave: the outcome of an accepted referral");
        group.MapPost("/helpers", AddHelperAsync).CountyFromRequest("county").WithIdempotency("relief-helpers")
            .WithSummary("Register a volunteer or social worker with the units they serve");
        group.MapGet("/helpers", HelpersAsync).CountyFiltered().WithSummary("Volunteers and social workers; unit= for those serving a township or village; phones masked");
        return group;
    }

    private static IQueryable<string> CharityCountyOf(ReliefDbContext db, Guid id) => db.Set<Charity>().Where(c => c.CharityId == id).Select(c => c.County);

    private static IQueryable<string> ReferralCountyOf(ReliefDbContext db, Guid id) => db.Set<Referral>().Where(r => r.ReferralId == id).Select(r => r.County);

    internal static async Task<Results<Created<Charity>, ValidationProblem, ProblemHttpResult>> AddCharityAsync(
        CharityRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var charity = new Charity
        {
            CharityId = Guid.CreateVersion7(clock.GetUtcNow()), County = errors.County("county", request.County) ?? "", Name = errors.Text("name", request.Name, 100) ?? "",
            CreditCode = errors.CreditCode("creditCode", request.CreditCode) ?? "", Contact = errors.PersonName("contact", request.Contact) ?? "",
            Phone = errors.Text("phone", request.Phone, 20) ?? "", RegisteredAt = clock.GetUtcNow(),
        };
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (Caller.Of(http).Refuses(charity.County) is { } refused)
        {
            return refused;
        }

        db.Add(charity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("charity_exists", "该慈善组织已在本县登记。", "This charity is registered with the county already.");
        }

        return TypedResults.Created($"{Path}/projects", charity);
    }

    internal static async Task<Results<Created<ProjectView>, ValidationProblem, ProblemHttpResult>> AddProjectAsync(
        Guid charityId, ProjectRequest request, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, 100);
        var funds = errors.Text("funds", request.Funds, 200);
        var forWhom = errors.Text("forWhom", request.ForWhom, 200);
        if (request.Capacity is not (> 0 and <= 100_000))
        {
            errors.Add("capacity", "可接收案例数应在 1 到 100000 之间。", "The capacity is between 1 and 100000 cases.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var charity = await db.Set<Charity>().AsNoTracking().FirstOrDefaultAsync(c => c.CharityId == charityId, ct);
        if (charity is null)
        {
            return ApiProblems.NotFound("charity_not_found", "未找到该慈善组织。", "No charity has this id.");
        }

        var project = new CharityProject
        {
            ProjectId = Guid.CreateVersion7(clock.GetUtcNow()), CharityId = charityId, County = charity.County, Name = name!, Funds = funds!, ForWhom = forWhom!,
            Capacity = request.Capacity!.Value, Open = true, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(project);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Path}/projects", ProjectOf(project, charity));
    }

    private static ProjectView ProjectOf(CharityProject p, Charity c) =>
        new(p.ProjectId, p.CharityId, c.Name, p.County, p.Name, p.Funds, p.ForWhom, p.Capacity, p.Accepted, p.PlacesLeft, p.Open);

    internal static async Task<Ok<List<ProjectView>>> ProjectsAsync(HttpContext http, ReliefDbContext db, CancellationToken ct, string? county = null)
    {
        var query = Caller.Of(http).Visible(db.Set<CharityProject>().AsNoTracking(), p => p.County);
        if (county is not null) query = query.Where(p => p.County == county);
        var projects = await query.OrderBy(p => p.Key).ToListAsync(ct);
        var charityIds = projects.Select(p => p.CharityId).Distinct().ToList();
        var charities = await db.Set<Charity>().AsNoTracking().Where(c => charityIds.Contains(c.CharityId)).ToDictionaryAsync(c => c.CharityId, ct);
        return TypedResults.Ok(projects.Select(p => ProjectOf(p, charities[p.CharityId])).ToList());
    }

    internal static async Task<Results<Created<ReferralView>, ValidationProblem, ProblemHttpResult>> ReferAsync(
        ReferralRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var township = errors.Township("township", request.Township, county, required: true);
        var idNumber = errors.IdNumber("personIdNumber", request.PersonIdNumber, today);
        var name = errors.PersonName("personName", request.PersonName);
        var need = errors.Text("need", request.Need, 1000);
        errors.Yuan("shortfall", request.Shortfall, "缺口金额", "The shortfall", 10_000_000, required: false);

        var project = request.ProjectId is { } projectId ? await db.Set<CharityProject>().AsNoTracking().FirstOrDefaultAsync(p => p.ProjectId == projectId, ct) : null;
        if (project is null || (county is not null && project.County != county))
        {
            errors.Add("projectId", "不是本县的慈善项目。", "Not a charity project of this county.");
        }
        else if (!project.Open || project.PlacesLeft == 0)
        {
            errors.Add("projectId", "该项目已满员或已关闭。", "The project is full or closed.");
        }

        if (request.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.CaseId == caseId && c.County == county, ct))
        {
            errors.Add("caseId", "不是本县的临时救助案件。", "Not a temporary assistance case of this county.");
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

        if (!caller.SeesTownship(township))
        {
            return Caller.TownshipForbidden(township);
        }

        var referral = new Referral
        {
            ReferralId = Guid.CreateVersion7(clock.GetUtcNow()), County = county!, Township = township!, PersonIdNumber = idNumber!, PersonName = name!,
            CaseId = request.CaseId, Need = need!, Shortfall = request.Shortfall, ProjectId = project!.ProjectId, Status = ReferralStatus.Proposed,
            ProposedBy = caller.Actor.Name, ProposedAt = clock.GetUtcNow(),
        };
        db.Add(referral);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("referral_open", "此人已转介到该项目，尚未办结。", "This person is already referred to this project.");
        }

        return TypedResults.Created($"{Path}/referrals", ReferralView.From(referral, mask: false));
    }

    internal static async Task<Results<Ok<List<ReferralView>>, ValidationProblem>> ReferralsAsync(HttpContext http, ReliefDbContext db, CancellationToken ct, string? county = null, string? status = null)
    {
        var errors = new ValidationErrors();
        var statusFilter = status is null ? null : errors.Enum<ReferralStatus>("status", status);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = caller.Visible(db.Set<Referral>().AsNoTracking(), r => r.County);
        if (caller.Township is { } own) query = query.Where(r => r.Township == own);
        if (county is not null) query = query.Where(r => r.County == county);
        if (statusFilter is { } s) query = query.Where(r => r.Status == s);
        return TypedResults.Ok((await query.OrderByDescending(r => r.Key).Take(500).ToListAsync(ct)).Select(r => ReferralView.From(r, mask: true)).ToList());
    }

    internal static async Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid referralId, ReferralAnswerRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var answeredBy = errors.PersonName("answeredBy", request.AnsweredBy);
        var reason = errors.Text("reason", request.Reason, 1000, required: request.Accepted == false);
        if (request.Accepted is null)
        {
            errors.Add("accepted", "请填写慈善组织是否接收（true/false）。", "Say whether the charity accepted (true/false).");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.ReferralId == referralId, ct);
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Status != ReferralStatus.Proposed)
        {
            return ApiProblems.Conflict("referral_answered", "该转介已有答复。", "This referral has been answered already.");
        }

        var now = clock.GetUtcNow();
        referral.AnsweredBy = answeredBy;
        referral.AnsweredAt = now;
        referral.RecordedBy = Caller.Of(http).Actor.Name;
        if (request.Accepted == true)
        {
            // A place of the project: its row version (and the check constraint) keep two acceptances from both taking the last one.
            var project = await db.Set<CharityProject>().FirstAsync(p => p.ProjectId == referral.ProjectId, ct);
            if (!project.Open || project.PlacesLeft == 0)
            {
                return ApiProblems.Conflict("project_full", "该项目已满员或已关闭。", "The project is full or closed.");
            }

            project.Accepted++;
            referral.Status = ReferralStatus.Accepted;
        }
        else
        {
            referral.Status = ReferralStatus.Declined;
            referral.DeclineReason = reason;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("referral_changed", "该转介或项目刚被他人更新，请刷新后重试。", "The referral or its project changed meanwhile; reload and try again.");
        }

        return TypedResults.Ok(ReferralView.From(referral, mask: false));
    }

    internal static async Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> OutcomeAsync(
        Guid referralId, ReferralOutcomeRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var outcome = errors.Text("outcome", request.Outcome, 1000);
        errors.Yuan("amount", request.Amount, "金额", "The amount", 10_000_000, zeroAllowed: true, required: false);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.ReferralId == referralId, ct);
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Status != ReferralStatus.Accepted)
        {
            return ApiProblems.Conflict("referral_not_accepted", "只有已接收的转介才能登记结果。", "Only an accepted referral has an outcome.");
        }

        referral.Status = ReferralStatus.Completed;
        referral.Outcome = outcome;
        referral.OutcomeAmount = request.Amount;
        referral.CompletedAt = clock.GetUtcNow();
        referral.RecordedBy = Caller.Of(http).Actor.Name;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("referral_changed", "该转介刚被他人更新，请刷新后重试。", "The referral changed meanwhile; reload and try again.");
        }

        return TypedResults.Ok(ReferralView.From(referral, mask: false));
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("referral_not_found", "未找到该转介。", "No referral has this id.");

    internal static async Task<Results<Created<HelperView>, ValidationProblem, ProblemHttpResult>> AddHelperAsync(
        HelperRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var kind = errors.Enum<HelperKind>("kind", request.Kind);
        var name = errors.PersonName("name", request.Name);
        var phone = errors.Text("phone", request.Phone, 20);
        var certificate = errors.Text("certificate", request.Certificate, 50, required: kind == HelperKind.SocialWorker);
        var units = request.Units ?? [];
        if (units.Count is 0 or > 50)
        {
            errors.Add("units", "服务的乡镇或村（社区）1 到 50 个。", "From 1 to 50 townships or villages served.");
        }

        for (var i = 0; i < units.Count; i++)
        {
            if (PlaceRegistry.Current.Find(units[i]) is not { Level: UnitLevel.Township or UnitLevel.Village, IsCurrent: true } || !PlaceRegistry.Current.IsInside(units[i], county))
            {
                errors.Add($"units[{i}]", "不是本县在用的乡镇或村（社区）代码。", "Not a township or village of this county in force.");
            }
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (Caller.Of(http).Refuses(county) is { } refused)
        {
            return refused;
        }

        var helper = new Helper
        {
            HelperId = Guid.CreateVersion7(clock.GetUtcNow()), County = county!, Kind = kind!.Value, Name = name!, Phone = phone!, Certificate = certificate,
            Units = [.. units.Distinct(StringComparer.Ordinal)], RegisteredAt = clock.GetUtcNow(),
        };
        db.Add(helper);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Path}/helpers", HelperOf(helper, mask: false));
    }

    private static HelperView HelperOf(Helper h, bool mask) => new(h.HelperId, h.County, h.Kind, mask ? PersonalData.MaskName(h.Name) : h.Name,
        mask ? PersonalData.MaskPhone(h.Phone) : h.Phone, h.Certificate, h.Units);

    internal static async Task<Ok<List<HelperView>>> HelpersAsync(HttpContext http, ReliefDbContext db, CancellationToken ct, string? county = null, string? unit = null)
    {
        var query = Caller.Of(http).Visible(db.Set<Helper>().AsNoTracking(), h => h.County);
        if (county is not null) query = query.Where(h => h.County == county);
        var helpers = await query.OrderBy(h => h.Key).Take(2000).ToListAsync(ct);
        // Serving a township covers its villages; serving a village is asked for by the village or its township.
        return TypedResults.Ok(helpers
            .Where(h => unit is null || h.Units.Any(u => u == unit || PlaceRegistry.Current.IsInside(unit, u) || PlaceRegistry.Current.IsInside(u, unit)))
            .Select(h => HelperOf(h, mask: true)).ToList());
    }
}
