using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Applications;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Intake.Hotline;

public sealed record HotlineTicketRequest
{
    public string? County { get; init; }
    public string? CallerName { get; init; }
    public string? CallerPhone { get; init; }
    public string? CallerIdNumber { get; init; }
    public string? Question { get; init; }
    public string? TakenBy { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public DateTimeOffset? FirstAnsweredAt { get; init; }

    /// <summary><c>pending</c>, <c>answered</c>, <c>referred</c> or <c>converted</c> (into an application).</summary>
    public string? Outcome { get; init; }

    public string? ReferredTo { get; init; }
    public Guid? ApplicationId { get; init; }
}

public sealed record HotlineTicketView(
    Guid TicketId, string County, string CallerName, string? CallerPhone, string? CallerIdNumber, string Question, string TakenBy,
    DateTimeOffset ReceivedAt, DateTimeOffset? FirstAnsweredAt, double? SecondsToFirstAnswer, HotlineOutcome Outcome, string? ReferredTo, Guid? ApplicationId)
{
    public static HotlineTicketView From(HotlineTicket t, bool mask) => new(
        t.TicketId, t.County, mask ? PersonalData.MaskName(t.CallerName) : t.CallerName, mask ? PersonalData.MaskPhone(t.CallerPhone) : t.CallerPhone,
        mask ? PersonalData.MaskIdNumber(t.CallerIdNumber) : t.CallerIdNumber, t.Question, t.TakenBy,
        t.ReceivedAt, t.FirstAnsweredAt, t.TimeToFirstAnswer?.TotalSeconds, t.Outcome, t.ReferredTo, t.ApplicationId);
}

public sealed record HotlineStats(
    string? County, DateTimeOffset? From, DateTimeOffset? To, int Tickets, int Answered, IReadOnlyDictionary<string, int> ByOutcome,
    double? AverageSecondsToFirstAnswer, double? MedianSecondsToFirstAnswer, double? P90SecondsToFirstAnswer);

/// <summary>12345 hotline tickets about assistance (R3), with the time to first answer.</summary>
public static class HotlineApi
{
    public const string Path = "/api/intake/hotline-tickets";

    public static RouteGroupBuilder MapHotlineApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("12345 hotline");
        group.MapPost("/", RecordAsync).WithIdempotency("intake-hotline").CountyFromRequest("county").WithSummary("Record a 12345 hotline call (R3)");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Hotline tickets; callers' names, identity and phone numbers masked");
        group.MapGet("/stats", StatsAsync).CountyFiltered().WithSummary("Time to first answer and outcomes, by county and period");
        return group;
    }

    internal static async Task<Results<Created<HotlineTicketView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        HotlineTicketRequest request, HttpContext http, IntakeDbContext db, TimeProvider clock, IntakeMetrics metrics, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);

        var caller = errors.PersonName("callerName", request.CallerName);
        var phone = errors.Text("callerPhone", request.CallerPhone, 20, required: false);
        var idNumber = errors.IdNumber("callerIdNumber", request.CallerIdNumber, ChinaTime.DateOf(now), required: false);

        var question = errors.Text("question", request.Question, 2000);
        var takenBy = errors.Text("takenBy", request.TakenBy, 50);
        var outcome = errors.Enum<HotlineOutcome>("outcome", request.Outcome ?? "pending");
        var receivedAt = request.ReceivedAt ?? now;
        if (receivedAt > now.AddMinutes(5) || receivedAt < now.AddYears(-1))
        {
            // A ticket is recorded as the call is handled, or soon after: a call "received" in year 1 is a typing error.
            errors.Add("receivedAt", "来电时间应在过去一年内，且不晚于当前时间。", "The call time must be within the past year and not in the future.");
        }

        if (request.FirstAnsweredAt is { } answered && (answered < receivedAt || answered > now.AddMinutes(5)))
        {
            errors.Add("firstAnsweredAt", "首次答复时间应在来电之后、当前时间之前。", "The first answer must come after the call and not in the future.");
        }

        if (outcome is HotlineOutcome.Answered or HotlineOutcome.Referred or HotlineOutcome.Converted && request.FirstAnsweredAt is null)
        {
            errors.Add("firstAnsweredAt", "已答复、转办或转为申请的来电须填写首次答复时间。", "Required when the call was answered, referred or converted.");
        }

        var referredTo = errors.Text("referredTo", request.ReferredTo, 200, required: outcome == HotlineOutcome.Referred);
        if (outcome == HotlineOutcome.Converted && request.ApplicationId is null)
        {
            errors.Add("applicationId", "转为申请的来电须填写申请编号。", "Required when the call was converted into an application.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (!Caller.Of(http).MayActFor(county))
        {
            return Caller.CountyForbidden(county);
        }

        if (request.ApplicationId is { } applicationId && !await db.Applications.AnyAsync(a => a.ApplicationId == applicationId, ct))
        {
            return ApiProblems.Unprocessable("application_not_found", "所关联的申请不存在。", "The application to link does not exist.",
                new Dictionary<string, object?> { ["field"] = "applicationId" });
        }

        var ticket = HotlineTicket.Record(county!, caller!, phone, idNumber, question!, takenBy!, receivedAt, request.FirstAnsweredAt,
            outcome!.Value, referredTo, request.ApplicationId, now);
        db.HotlineTickets.Add(ticket);
        db.AddToOutbox(new HotlineCallRecorded(ticket.TicketId, ticket.County, ticket.ReceivedAt, ticket.FirstAnsweredAt));
        await db.SaveChangesAsync(ct);
        if (ticket.TimeToFirstAnswer is { } answerTime)
        {
            metrics.HotlineAnswered(answerTime, ticket.County);
        }

        return TypedResults.Created($"{Path}/{ticket.TicketId}", HotlineTicketView.From(ticket, mask: false));
    }

    internal static async Task<Results<Ok<PagedList<HotlineTicketView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IntakeDbContext db, CancellationToken ct, string? county = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        Paging.Validate(errors, page, pageSize, from, to);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = Filter(db, caller, county, from, to);
        var total = await query.CountAsync(ct);
        var tickets = await query.OrderByDescending(t => t.ReceivedAt).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<HotlineTicketView>(tickets.Select(t => HotlineTicketView.From(t, mask: true)).ToList(), page, pageSize, total));
    }

    internal static async Task<Results<Ok<HotlineStats>, ValidationProblem, ProblemHttpResult>> StatsAsync(
        HttpContext http, IntakeDbContext db, CancellationToken ct, string? county = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var errors = new ValidationErrors();
        Paging.Validate(errors, 1, 1, from, to);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var rows = await Filter(db, caller, county, from, to).Select(t => new { t.Outcome, t.ReceivedAt, t.FirstAnsweredAt }).ToListAsync(ct);
        var seconds = rows.Where(r => r.FirstAnsweredAt is not null).Select(r => (r.FirstAnsweredAt!.Value - r.ReceivedAt).TotalSeconds).Order().ToList();
        return TypedResults.Ok(new HotlineStats(
            county, from, to, rows.Count, seconds.Count,
            rows.GroupBy(r => WireName.Of(r.Outcome)).ToDictionary(g => g.Key, g => g.Count()),
            seconds.Count == 0 ? null : Math.Round(seconds.Average(), 1),
            Percentile(seconds, 0.5), Percentile(seconds, 0.9)));
    }

    private static IQueryable<HotlineTicket> Filter(IntakeDbContext db, Caller caller, string? county, DateTimeOffset? from, DateTimeOffset? to)
    {
        var query = caller.Visible(db.HotlineTickets.AsNoTracking(), t => t.County);
        if (county is not null)
        {
            query = query.Where(t => t.County == county);
        }

        if (from is not null)
        {
            query = query.Where(t => t.ReceivedAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(t => t.ReceivedAt < to);
        }

        return query;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 1);
    }
}
