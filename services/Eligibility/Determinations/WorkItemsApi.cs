using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.Roster;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Eligibility.Determinations;

public sealed record WorkItemView(Guid WorkItemId, WorkKind Kind, Guid SubjectId, string County, string Unit, string? AssigneeId, DateTimeOffset CreatedAt, DateOnly DueOn, bool Overdue);

public sealed record WorkCount(string Unit, WorkKind Kind, int Open, int Overdue);

public sealed record RecertificationRunRequest(DateOnly? Date);

/// <summary>Work queues (issue 17): each unit's open steps with their due dates, the overdue ones, and counts for supervisors.</summary>
public static class WorkItemsApi
{
    public static RouteGroupBuilder MapWorkItemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/eligibility").WithTags("Work queues");
        group.MapGet("/work-items", ListAsync).CountyFiltered().WithSummary("Open work items of the caller's units (a township's people: their township's), oldest due first; overdue=true for the late ones");
        group.MapPost("/work-items/{workItemId:guid}/take", TakeAsync).CountyCheckedByHandler("the item's county and, for township people, its unit (another's: 404)")
            .WithSummary("Take an open item as one's own (a person; one statement: an item another person holds is 409)");
        group.MapGet("/work-items/counts", CountsAsync).CountyFiltered().WithSummary("Open and overdue items per unit and step, for supervisors");
        group.MapPost("/recertifications/runs", RunRecertificationsAsync).ProvinceWide().WithIdempotency("eligibility-recertification-run")
            .WithSummary("Open the re-certification work items due by a date (default today); the schedule does it daily by itself");
        return group;
    }

    internal static async Task<Results<Ok<PagedList<WorkItemView>>, ValidationProblem>> ListAsync(
        HttpContext http, EligibilityDbContext db, TimeProvider clock, CancellationToken ct, string? unit = null, string? kind = null, bool overdue = false, Guid? subjectId = null,
        bool mine = false, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var kindFilter = kind is null ? null : errors.Enum<WorkKind>("kind", kind);
        errors.Paging(page, pageSize);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var today = ChinaTime.Today(clock);
        var query = Open(http, db);
        if (unit is not null) query = query.Where(w => w.Unit == unit);
        if (kindFilter is { } k) query = query.Where(w => w.Kind == k);
        if (overdue) query = query.Where(w => w.DueOn < today);
        if (subjectId is not null) query = query.Where(w => w.SubjectId == subjectId);
        if (mine)
        {
            var me = Caller.Of(http).Actor.Id;
            query = query.Where(w => w.AssigneeId == me);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(w => w.DueOn).ThenBy(w => w.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<WorkItemView>(
            [.. rows.Select(w => new WorkItemView(w.WorkItemId, w.Kind, w.SubjectId, w.County, w.Unit, w.AssigneeId, w.CreatedAt, w.DueOn, w.DueOn < today))], page, pageSize, total));
    }

    internal static async Task<Ok<List<WorkCount>>> CountsAsync(HttpContext http, EligibilityDbContext db, TimeProvider clock, CancellationToken ct, string? county = null)
    {
        var today = ChinaTime.Today(clock);
        var query = Open(http, db);
        if (county is not null) query = query.Where(w => w.County == county);
        var counts = await query.GroupBy(w => new { w.Unit, w.Kind })
            .Select(g => new WorkCount(g.Key.Unit, g.Key.Kind, g.Count(), g.Count(w => w.DueOn < today)))
            .ToListAsync(ct);
        return TypedResults.Ok(counts.OrderBy(c => c.Unit, StringComparer.Ordinal).ThenBy(c => c.Kind).ToList());
    }

    internal static async Task<Results<Ok<WorkItemView>, ProblemHttpResult>> TakeAsync(Guid workItemId, HttpContext http, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (await Open(http, db).FirstOrDefaultAsync(w => w.WorkItemId == workItemId, ct) is not { } item)
        {
            return ApiProblems.NotFound("work_item_not_found", "没有该待办事项（或已办结）。", "No open work item has this id.");
        }

        if (caller.Actor.Kind != Contracts.Security.ActorKind.Person)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "person_required", "无权办理 / Forbidden", "待办事项由工作人员本人认领。", "A work item is taken by a person.");
        }

        // One conditional statement: two people taking the same item at once, one of them gets it.
        var me = caller.Actor.Id;
        var taken = await db.Set<WorkItem>().Where(w => w.WorkItemId == workItemId && w.DoneAt == null && (w.AssigneeId == null || w.AssigneeId == me))
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.AssigneeId, me), ct);
        if (taken == 0)
        {
            return ApiProblems.Conflict("work_item_taken", "该事项已由他人认领。", "Another person holds this item.");
        }

        var today = ChinaTime.Today(clock);
        return TypedResults.Ok(new WorkItemView(item.WorkItemId, item.Kind, item.SubjectId, item.County, item.Unit, me, item.CreatedAt, item.DueOn, item.DueOn < today));
    }

    internal static async Task<Ok<RecertificationRunResult>> RunRecertificationsAsync(RecertificationRunRequest? request, Recertification recertification, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await recertification.CreateDueAsync(request?.Date ?? ChinaTime.Today(clock), ct));

    private static IQueryable<WorkItem> Open(HttpContext http, EligibilityDbContext db)
    {
        var caller = Caller.Of(http);
        var query = caller.Visible(db.Set<WorkItem>().AsNoTracking(), w => w.County).Where(w => w.DoneAt == null);
        return caller.Township is { } township ? query.Where(w => w.Unit == township || w.Unit == w.County) : query;
    }
}
