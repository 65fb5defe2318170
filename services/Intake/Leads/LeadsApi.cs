using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Applications;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Intake.Leads;

/// <summary>Settings of proactive discovery (configuration section <c>Intake:Leads</c>).</summary>
public sealed class LeadOptions
{
    public const string SectionName = "Intake:Leads";

    /// <summary>How long a lead may wait for follow-up (conversion or closure) before it is overdue.</summary>
    public TimeSpan FollowUpPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often overdue leads are looked for.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed record LeadRequest
{
    public string? County { get; init; }
    public string? Township { get; init; }
    public string? ReporterName { get; init; }

    /// <summary><c>township-cadre</c>, <c>assistance-coordinator</c>, <c>social-worker</c>, <c>grid-worker</c>, <c>childrens-director</c>.</summary>
    public string? ReporterRole { get; init; }

    /// <summary><c>home-visit</c>, <c>phone</c>, <c>wechat</c>.</summary>
    public string? Method { get; init; }

    /// <summary>R1's groups: <c>unemployed</c>, <c>flexible-worker</c>, <c>left-behind-child</c>, <c>near-dibao</c>, <c>relapse-watch</c>, <c>just-short-of-dibao</c>, <c>unable-after-assistance</c>, <c>other</c>.</summary>
    public string? PriorityGroup { get; init; }

    public string? PersonName { get; init; }
    public string? PersonIdNumber { get; init; }
    public string? PersonPhone { get; init; }
    public string? Address { get; init; }
    public string? Description { get; init; }

    /// <summary>When the person was found; defaults to now. The follow-up deadline runs from it.</summary>
    public DateTimeOffset? FoundAt { get; init; }
}

public sealed record LeadCloseRequest(string? Reason);

public sealed record LeadConvertRequest(Guid? ApplicationId);

public sealed record LeadView(
    Guid LeadId, string County, string? Township, string ReporterName, ReporterRole ReporterRole, DiscoveryMethod Method, PriorityGroup PriorityGroup,
    string PersonName, string? PersonIdNumber, string? PersonPhone, string? Address, string Description,
    DateTimeOffset FoundAt, DateTimeOffset FollowUpDeadline, LeadStatus Status, bool Overdue, DateTimeOffset? OverdueAt,
    Guid? ApplicationId, string? ClosedReason, string? ClosedBy, DateTimeOffset? ResolvedAt, Guid? SourceWarningId)
{
    public static LeadView From(Lead l, DateTimeOffset now, bool mask) => new(
        l.LeadId, l.County, l.Township, l.ReporterName, l.ReporterRole, l.Method, l.PriorityGroup,
        mask ? PersonalData.MaskName(l.PersonName) : l.PersonName, mask && l.PersonIdNumber is not null ? PersonalData.MaskIdNumber(l.PersonIdNumber) : l.PersonIdNumber, mask && l.PersonPhone is not null ? PersonalData.MaskPhone(l.PersonPhone) : l.PersonPhone,
        l.Address, l.Description, l.FoundAt, l.FollowUpDeadline, l.Status, l.IsOverdue(now), l.OverdueAt,
        l.ApplicationId, l.ClosedReason, l.ClosedBy, l.ResolvedAt, l.SourceWarningId);
}

/// <summary>Proactive discovery (R1): leads found by grassroots workers, followed up by a deadline.</summary>
public static class LeadsApi
{
    public const string Path = "/api/intake/leads";

    public static RouteGroupBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Leads");
        group.MapPost("/", RaiseAsync).WithIdempotency("intake-leads").CountyFromRequest("county").WithSummary("Record a person found in difficulty (R1)");
        group.MapGet("/{leadId:guid}", GetAsync).RequireCountyOf<RouteHandlerBuilder, IntakeDbContext>("leadId", CountyOf).WithSummary("A lead");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Leads by status (open, overdue, converted, closed) and county; names, identity and phone numbers masked");
        group.MapPost("/{leadId:guid}/close", CloseAsync).RequireCountyOf<RouteHandlerBuilder, IntakeDbContext>("leadId", CountyOf)
            .WithIdempotency("intake-leads-close").WithSummary("Close a lead with a reason");
        group.MapPost("/{leadId:guid}/convert", ConvertAsync).RequireCountyOf<RouteHandlerBuilder, IntakeDbContext>("leadId", CountyOf)
            .WithIdempotency("intake-leads-convert").WithSummary("Link a lead to the application it became");
        return group;
    }

    private static IQueryable<string> CountyOf(IntakeDbContext db, Guid leadId) => db.Leads.Where(l => l.LeadId == leadId).Select(l => l.County);

    internal static async Task<Results<Created<LeadView>, ValidationProblem, ProblemHttpResult>> RaiseAsync(
        LeadRequest request, HttpContext http, IntakeDbContext db, TimeProvider clock, IOptions<LeadOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);

        var township = errors.Text("township", request.Township, 50, required: false);
        var reporter = errors.PersonName("reporterName", request.ReporterName);
        var role = errors.Enum<ReporterRole>("reporterRole", request.ReporterRole);
        if (role == ReporterRole.Monitoring)
        {
            errors.Add("reporterRole", "监测预警线索由系统生成，不能手工登记。", "Monitoring leads come from eligibility's warnings, not from this endpoint.");
        }

        var method = errors.Enum<DiscoveryMethod>("method", request.Method);
        var group = errors.Enum<PriorityGroup>("priorityGroup", request.PriorityGroup);
        var person = errors.PersonName("personName", request.PersonName);
        var idNumber = errors.IdNumber("personIdNumber", request.PersonIdNumber, ChinaTime.DateOf(now), required: false);

        var phone = errors.Text("personPhone", request.PersonPhone, 20, required: false);
        var address = errors.Text("address", request.Address, 200, required: false);
        var description = errors.Text("description", request.Description, 2000);
        var foundAt = request.FoundAt ?? now;
        if (foundAt > now.AddMinutes(5) || foundAt < now.AddYears(-1))
        {
            errors.Add("foundAt", "发现时间应在过去一年内，且不晚于当前时间。", "The finding time must be within the past year and not in the future.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (!Caller.Of(http).MayActFor(county))
        {
            return Caller.CountyForbidden(county);
        }

        var lead = Lead.Raise(county!, township, reporter!, role!.Value, method!.Value, group!.Value, person!, idNumber, phone, address, description!,
            foundAt, options.Value.FollowUpPeriod, now);
        db.Leads.Add(lead);
        db.AddToOutbox(new LeadRaised(lead.LeadId, lead.County, lead.ReporterRole, lead.Method, lead.PriorityGroup, lead.FoundAt, lead.FollowUpDeadline));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Path}/{lead.LeadId}", LeadView.From(lead, now, mask: false));
    }

    internal static async Task<Results<Ok<LeadView>, ProblemHttpResult>> GetAsync(Guid leadId, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.LeadId == leadId, ct);
        return lead is null ? NotFound() : TypedResults.Ok(LeadView.From(lead, clock.GetUtcNow(), mask: false));
    }

    internal static async Task<Results<Ok<PagedList<LeadView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IntakeDbContext db, TimeProvider clock, CancellationToken ct, string? status = null, string? county = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var overdueOnly = string.Equals(status, "overdue", StringComparison.OrdinalIgnoreCase);
        var statusFilter = status is null || overdueOnly ? null : errors.Enum<LeadStatus>("status", status);
        if (county is not null)
        {
            errors.County("county", county);
        }

        Paging.Validate(errors, page, pageSize, null, null);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var now = clock.GetUtcNow();
        var query = caller.Visible(db.Leads.AsNoTracking(), l => l.County);
        if (overdueOnly)
        {
            query = query.Where(l => l.Status == LeadStatus.Open && l.FollowUpDeadline < now);
        }
        else if (statusFilter is { } s)
        {
            query = query.Where(l => l.Status == s);
        }

        if (county is not null)
        {
            query = query.Where(l => l.County == county);
        }

        var total = await query.CountAsync(ct);
        var leads = await query.OrderBy(l => l.FollowUpDeadline).ThenBy(l => l.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<LeadView>(leads.Select(l => LeadView.From(l, now, mask: true)).ToList(), page, pageSize, total));
    }

    internal static async Task<Results<Ok<LeadView>, ValidationProblem, ProblemHttpResult>> CloseAsync(
        Guid leadId, LeadCloseRequest request, HttpContext http, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, 500);
        var closedBy = Caller.Of(http).Actor.Name;
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var lead = await db.Leads.FirstOrDefaultAsync(l => l.LeadId == leadId, ct);
        if (lead is null)
        {
            return NotFound();
        }

        if (lead.Status != LeadStatus.Open)
        {
            return NotOpen();
        }

        var now = clock.GetUtcNow();
        lead.Close(reason!, closedBy!, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LeadView.From(lead, now, mask: false));
    }

    internal static async Task<Results<Ok<LeadView>, ValidationProblem, ProblemHttpResult>> ConvertAsync(
        Guid leadId, LeadConvertRequest request, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.ApplicationId is not { } applicationId)
        {
            return ApiProblems.Validation("applicationId", "必填。", "Required.");
        }

        var lead = await db.Leads.FirstOrDefaultAsync(l => l.LeadId == leadId, ct);
        if (lead is null)
        {
            return NotFound();
        }

        if (lead.Status != LeadStatus.Open)
        {
            return NotOpen();
        }

        if (!await db.Applications.AnyAsync(a => a.ApplicationId == applicationId, ct))
        {
            return ApiProblems.Unprocessable("application_not_found", "所关联的申请不存在。", "The application to link does not exist.",
                new Dictionary<string, object?> { ["field"] = "applicationId" });
        }

        var now = clock.GetUtcNow();
        lead.Convert(applicationId, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LeadView.From(lead, now, mask: false));
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("lead_not_found", "未找到该线索。", "No lead has this id.");

    private static ProblemHttpResult NotOpen() => ApiProblems.Conflict("lead_not_open", "该线索已转为申请或已关闭。", "This lead was already converted or closed.");
}
