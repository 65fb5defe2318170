using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Security;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Oversight.Data;
using ReliefPlatform.Places;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Oversight.Complaints;

public sealed record ComplaintRequest(string? Kind, string? County, string? Unit, bool Anonymous, string? Name, string? Contact, string? Text, string? HotlineTicket = null);

public sealed record ComplaintReceipt(string TrackingCode, DateOnly DueOn);

/// <summary>What the complainant reads with the tracking code: the state and the decision, nothing about anybody.</summary>
public sealed record ComplaintProgress(string TrackingCode, ComplaintKind Kind, DateOnly ReceivedOn, DateOnly DueOn, ComplaintStatus Status, ComplaintOutcome? Outcome, string? Decision, DateTimeOffset? DecidedAt);

public sealed record ComplaintView(Guid ComplaintId, ComplaintChannel Channel, ComplaintKind Kind, string County, string? Unit, bool Anonymous, string? ComplainantName,
    string? ComplainantContact, string Text, string? HotlineTicket, DateTimeOffset ReceivedAt, DateOnly DueOn, bool Overdue, ComplaintStatus Status,
    string? AssignedTo, ComplaintOutcome? Outcome, string? Decision, string? DecidedBy, DateTimeOffset? DecidedAt);

public sealed record ComplaintDecisionRequest(string? Outcome, string? Reasons);

/// <summary>
/// Complaints and tips (举报, R18 R20): the public form and its tracking page without a token (the
/// gateway rate-limits them per address), the 12345 hotline's system and the county offices with one.
/// </summary>
public static class ComplaintsApi
{
    public static void MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/public/oversight/complaints").WithTags("Complaints and tips (public)");
        open.MapPost("/", LodgeAsync).NotCountyData("anyone may complain, named or anonymous (R18, R20)").DisableAntiforgery()
            .WithSummary("Lodge a complaint or tip (举报), named or anonymous; the answer is the tracking code");
        open.MapGet("/{trackingCode}", ProgressAsync).NotCountyData("the complainant follows their complaint by its code")
            .WithSummary("Follow a complaint by its tracking code: state, due day, decision");

        var staff = app.MapGroup("/api/oversight/complaints").WithTags("Complaints and tips");
        staff.MapPost("/", ReceiveFromHotlineAsync).CountyFromRequest("county").WithIdempotency("oversight-complaints")
            .WithSummary("Pass on a complaint from the 12345 hotline (its ticket number required)");
        staff.MapGet("/", ListAsync).CountyFiltered()
            .WithSummary("Complaints of the caller's counties, newest first; overdue=true for those past their due day; contacts masked");
        staff.MapGet("/{complaintId:guid}", GetAsync).CountyCheckedByHandler("the complaint's county")
            .WithSummary("One complaint, with the complainant's contact for the office that answers it");
        staff.MapPost("/{complaintId:guid}/take", TakeAsync).CountyCheckedByHandler("the complaint's county")
            .WithSummary("Take a complaint to look into it (a person; assigned to the caller)");
        staff.MapPost("/{complaintId:guid}/decision", DecideAsync).CountyCheckedByHandler("the complaint's county").WithIdempotency("oversight-complaint-decisions")
            .WithSummary("Decide a complaint with its outcome and reasons (a person, once)");
    }

    internal static Task<Results<Created<ComplaintReceipt>, ValidationProblem, ProblemHttpResult>> LodgeAsync(
        ComplaintRequest request, OversightDbContext db, IOptions<OversightOptions> options, TimeProvider clock, CancellationToken ct) =>
        ReceiveAsync(ComplaintChannel.PublicForm, request, db, options.Value, clock, ct);

    internal static async Task<Results<Created<ComplaintReceipt>, ValidationProblem, ProblemHttpResult>> ReceiveFromHotlineAsync(
        ComplaintRequest request, HttpContext http, OversightDbContext db, IOptions<OversightOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (Caller.Of(http).Refuses(request.County) is { } refused)
        {
            return refused;
        }

        return await ReceiveAsync(ComplaintChannel.Hotline12345, request, db, options.Value, clock, ct);
    }

    private static async Task<Results<Created<ComplaintReceipt>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        ComplaintChannel channel, ComplaintRequest request, OversightDbContext db, OversightOptions options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var kind = errors.Enum<ComplaintKind>("kind", request.Kind);
        var county = errors.County("county", request.County);
        var unit = errors.Text("unit", request.Unit, 12, required: false);
        if (unit is not null && county is not null && (!PlaceRegistry.Current.IsServedUnit(unit) || !PlaceRegistry.Current.IsInside(unit, county)))
        {
            errors.Add("unit", $"不是 {county} 内在用的乡镇（街道）或村（社区）代码。", $"Not the code of a township or village/community in force in {county}.");
        }

        var name = errors.Text("name", request.Name, 50, required: false);
        var contact = errors.Text("contact", request.Contact, 50, required: false);
        var text = errors.Text("text", request.Text, 4000);
        var ticket = errors.Text("hotlineTicket", request.HotlineTicket, 40, required: channel == ComplaintChannel.Hotline12345);
        if (!request.Anonymous && contact is null && !errors.Has("contact"))
        {
            errors.Add("contact", "实名投诉请留联系方式以便答复；不愿留下的，可匿名投诉并凭查询码查看结果。",
                "A named complaint gives a contact for the answer; or complain anonymously and follow it with the code.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        var complaint = Complaint.Receive(channel, kind!.Value, county!, unit, request.Anonymous, name, contact, text!, ticket,
            options.DecisionDaysOn(ChinaTime.DateOf(now)), now);
        db.Add(complaint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/public/oversight/complaints/{complaint.TrackingCode}", new ComplaintReceipt(complaint.TrackingCode, complaint.DueOn));
    }

    internal static async Task<Results<Ok<ComplaintProgress>, ProblemHttpResult>> ProgressAsync(string trackingCode, HttpContext http, OversightDbContext db, CancellationToken ct)
    {
        var code = TrackingCodes.Normalize(trackingCode);
        var complaint = code is null ? null : await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (complaint is null)
        {
            return ApiProblems.NotFound("complaint_not_found", "没有这个查询码的投诉举报，请核对。", "No complaint has this tracking code; check it.");
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ComplaintProgress(complaint.TrackingCode, complaint.Kind, ChinaTime.DateOf(complaint.ReceivedAt), complaint.DueOn, complaint.Status,
            complaint.Outcome, complaint.Decision, complaint.DecidedAt));
    }

    internal static async Task<Results<Ok<PagedList<ComplaintView>>, ValidationProblem, ProblemHttpResult>> ListAsync(HttpContext http, OversightDbContext db, TimeProvider clock,
        CancellationToken ct, string? county = null, string? status = null, bool overdue = false, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        errors.Paging(page, pageSize);
        var state = errors.Enum<ComplaintStatus>("status", status, required: false);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        if (caller.Refuses(county) is { } refused)
        {
            return refused;
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var query = caller.Visible(db.Complaints.AsNoTracking(), c => c.County);
        query = county is null ? query : query.Where(c => c.County == county);
        query = state is null ? query : query.Where(c => c.Status == state);
        query = overdue ? query.Where(c => c.Status != ComplaintStatus.Decided && c.DueOn < today) : query;
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<ComplaintView>([.. rows.Select(c => View(c, today, masked: true))], page, pageSize, total));
    }

    internal static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> GetAsync(Guid complaintId, HttpContext http, OversightDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.ComplaintId == complaintId, ct);
        if (complaint is null)
        {
            return NotFound();
        }

        return Caller.Of(http).Refuses(complaint.County) is { } refused ? refused : TypedResults.Ok(View(complaint, ChinaTime.DateOf(clock.GetUtcNow()), masked: false));
    }

    internal static Task<Results<Ok<ComplaintView>, ValidationProblem, ProblemHttpResult>> TakeAsync(Guid complaintId, HttpContext http, OversightDbContext db, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(complaintId, http, db, clock, (complaint, caller, now) => complaint.Assign(caller.Actor.ToString(), now), ct);

    internal static async Task<Results<Ok<ComplaintView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid complaintId, ComplaintDecisionRequest request, HttpContext http, OversightDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var outcome = errors.Enum<ComplaintOutcome>("outcome", request.Outcome);
        var reasons = errors.Text("reasons", request.Reasons, 2000);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        return await ChangeAsync(complaintId, http, db, clock, (complaint, caller, now) => complaint.Decide(caller.Actor, outcome!.Value, reasons!, now), ct);
    }

    /// <summary>A person's step on a complaint of their county; the row's version refuses a concurrent step (409).</summary>
    private static async Task<Results<Ok<ComplaintView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(Guid complaintId, HttpContext http, OversightDbContext db, TimeProvider clock,
        Action<Complaint, Caller, DateTimeOffset> step, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.ComplaintId == complaintId, ct);
        if (complaint is null)
        {
            return NotFound();
        }

        if (caller.Refuses(complaint.County) is { } refused)
        {
            return refused;
        }

        if (caller.Actor.Kind != ActorKind.Person)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "person_required", "无权办理 / Forbidden", "投诉举报由工作人员本人承办和决定。", "A person takes and decides a complaint.");
        }

        var now = clock.GetUtcNow();
        try
        {
            step(complaint, caller, now);
        }
        catch (OversightException e)
        {
            return ApiProblems.Problem(e.Status, e.Code, "冲突 / Conflict", e.Zh, e.Message);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(complaint, ChinaTime.DateOf(now), masked: false));
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("complaint_not_found", "未找到该投诉举报。", "No complaint has this id.");

    private static ComplaintView View(Complaint c, DateOnly today, bool masked) => new(c.ComplaintId, c.Channel, c.Kind, c.County, c.Unit, c.Anonymous,
        masked && c.ComplainantName is not null ? PersonalData.MaskName(c.ComplainantName) : c.ComplainantName,
        masked && c.ComplainantContact is not null ? PersonalData.MaskPhone(c.ComplainantContact) : c.ComplainantContact,
        c.Text, c.HotlineTicket, c.ReceivedAt, c.DueOn, c.IsOverdueOn(today), c.Status, c.AssignedTo, c.Outcome, c.Decision, c.DecidedBy, c.DecidedAt);
}
