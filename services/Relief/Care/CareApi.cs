using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Relief.Care;

public sealed record CaregiverRequest(string? Kind, string? Name, string? Code, string? Phone);

public sealed record ArrangementRequest(string? County, string? Township, string? PersonIdNumber, string? PersonName, string? CareLevel, CaregiverRequest? Caregiver, DateOnly? StartsOn);

public sealed record VisitRequest(string? Kind, DateOnly? VisitedOn, string? Findings, bool? PersonWell);

public sealed record CaregiverComplaintRequest(string? Summary, bool? Confirmed, string? Reference);

public sealed record ReplacementRequest(CaregiverRequest? Caregiver, string? Reason, string? HandoverNotes, DateOnly? StartsOn);

public sealed record VisitView(Guid VisitId, VisitKind Kind, DateOnly VisitedOn, string Visitor, string Findings, bool PersonWell, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record FailureView(string Zh, string En);

/// <summary>An agreement with where its visits stand today (R16).</summary>
public sealed record ArrangementView(
    Guid ArrangementId, string County, string Township, string PersonIdNumber, string PersonName, CareLevel CareLevel,
    CaregiverKind CaregiverKind, string CaregiverName, string CaregiverCode, string CaregiverPhone, DateOnly StartsOn, ArrangementStatus Status, DateOnly? EndedOn,
    Guid? ReplacesArrangementId, int VisitIntervalDays, DateOnly NextVisitDueBy, int MissedVisits, bool VisitOverdue, int ConfirmedComplaints,
    IReadOnlyList<FailureView> CaregiverFailures, bool ReplaceCaregiver);

public sealed record ArrangementDetail(ArrangementView Arrangement, IReadOnlyList<VisitView> Visits, IReadOnlyList<CaregiverComplaintView> Complaints, HandoverView? HandedOverTo);

public sealed record CaregiverComplaintView(string Summary, bool Confirmed, string? Reference, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record HandoverView(Guid FromArrangementId, Guid ToArrangementId, string Reason, string Notes, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// Dispersed tekun persons' care (R16): care agreements with their caregivers, visits on the schedule and
/// the township's spot checks, the overdue list, complaints about the care, and replacing a caregiver who
/// fails their duties with the handover recorded.
/// </summary>
public static class CareApi
{
    public const string Path = "/api/relief/care/arrangements";

    public static RouteGroupBuilder MapCareApi(this IEndpointRouteBuilder app)
    {
        // A township's people reach their township's agreements only (403 for another's), before any handler runs.
        var group = app.MapGroup(Path).WithTags("Care of dispersed tekun persons (R16)")
            .RequireTownshipOf<RouteGroupBuilder, ReliefDbContext>("arrangementId",
                (db, id) => db.Set<CareArrangement>().Where(a => a.ArrangementId == id).Select(a => (string?)a.Township));
        group.MapPost("/", CreateAsync).CountyFromRequest("county").WithIdempotency("relief-care-arrangements")
            .WithSummary("Record a dispersed tekun person's care agreement: caregiver (person or organisation), care level, first day (R16)");
        group.MapGet("/", ListAsync).CountyFiltered()
            .WithSummary("Agreements with their visit standing: overdue=true for a missed visit not yet made up, replace=true for caregivers failing their duties; names and numbers masked");
        group.MapGet("/{arrangementId:guid}", GetAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("arrangementId", CountyOf)
            .WithSummary("One agreement with its visits, complaints and handover");
        group.MapPost("/{arrangementId:guid}/visits", VisitAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("arrangementId", CountyOf)
            .WithIdempotency("relief-care-visits").WithSummary("Record a caregiver's visit (kind caregiver) or the township's spot check (kind spot-check)");
        group.MapPost("/{arrangementId:guid}/complaints", ComplainAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("arrangementId", CountyOf)
            .WithIdempotency("relief-care-complaints").WithSummary("Record a complaint about the care and whether it was found true (R16, R20)");
        group.MapPost("/{arrangementId:guid}/replacement", ReplaceAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("arrangementId", CountyOf)
            .WithIdempotency("relief-care-replacement").WithSummary("Replace the caregiver: a new agreement from a day, the handover recorded; the old one ends (409 when already replaced)");
        return group;
    }

    private static IQueryable<string> CountyOf(ReliefDbContext db, Guid arrangementId) =>
        db.Set<CareArrangement>().Where(a => a.ArrangementId == arrangementId).Select(a => a.County);

    internal static async Task<Results<Created<ArrangementView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ArrangementRequest request, HttpContext http, ReliefDbContext db, IOptions<CareOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var township = errors.Township("township", request.Township, county, required: true);
        var idNumber = errors.IdNumber("personIdNumber", request.PersonIdNumber, today);
        var name = errors.PersonName("personName", request.PersonName);
        var level = errors.Enum<CareLevel>("careLevel", request.CareLevel);
        var caregiver = Caregiver(errors, "caregiver", request.Caregiver, today);
        var startsOn = request.StartsOn ?? today;
        if (startsOn > today.AddDays(31) || startsOn < today.AddYears(-5))
        {
            errors.Add("startsOn", "协议起始日应在近五年内、最迟下月。", "The agreement starts within the last five years and at the latest next month.");
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

        var now = clock.GetUtcNow();
        var arrangement = New(county!, township!, idNumber!, name!, level!.Value, caregiver!, startsOn, null, caller.Actor.Name, now);
        db.Add(arrangement);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("arrangement_exists", "该特困人员已有在用的照料服务协议；更换照料服务人请用更换。", "This person already has an active care agreement; replace the caregiver instead.");
        }

        return TypedResults.Created($"{Path}/{arrangement.ArrangementId}", View(arrangement, [], 0, options.Value, today, mask: false));
    }

    internal static async Task<Results<Ok<PagedList<ArrangementView>>, ValidationProblem>> ListAsync(
        HttpContext http, ReliefDbContext db, IOptions<CareOptions> options, TimeProvider clock, CancellationToken ct,
        string? county = null, bool overdue = false, bool replace = false, string? status = "active", int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var statusFilter = status is null ? null : errors.Enum<ArrangementStatus>("status", status);
        if (county is not null)
        {
            errors.County("county", county);
        }

        errors.Paging(page, pageSize);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = caller.Visible(db.Set<CareArrangement>().AsNoTracking(), a => a.County);
        if (caller.Township is { } own) query = query.Where(a => a.Township == own);
        if (county is not null) query = query.Where(a => a.County == county);
        if (statusFilter is { } s) query = query.Where(a => a.Status == s);
        var arrangements = await query.OrderBy(a => a.Key).ToListAsync(ct);

        // The standing is computed from the visits (a county's agreements are thousands at most): the
        // overdue and replace filters need it, so they apply after it.
        var keys = arrangements.Select(a => a.Key).ToList();
        var visits = (await db.Set<CareVisit>().AsNoTracking().Where(v => keys.Contains(v.ArrangementKey) && v.Kind == VisitKind.Caregiver)
                .Select(v => new { v.ArrangementKey, v.VisitedOn }).ToListAsync(ct))
            .ToLookup(v => v.ArrangementKey, v => v.VisitedOn);
        var complaints = (await db.Set<CaregiverComplaint>().AsNoTracking().Where(c => keys.Contains(c.ArrangementKey) && c.Confirmed)
                .GroupBy(c => c.ArrangementKey).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => c.Key, c => c.Count);
        var today = ChinaTime.Today(clock);
        var views = arrangements.Select(a => View(a, [.. visits[a.Key]], complaints.GetValueOrDefault(a.Key), options.Value, today, mask: true))
            .Where(v => (!overdue || v.VisitOverdue) && (!replace || v.ReplaceCaregiver))
            .ToList();
        return TypedResults.Ok(new PagedList<ArrangementView>([.. views.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, views.Count));
    }

    internal static async Task<Results<Ok<ArrangementDetail>, ProblemHttpResult>> GetAsync(
        Guid arrangementId, ReliefDbContext db, IOptions<CareOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var arrangement = await db.Set<CareArrangement>().AsNoTracking().FirstOrDefaultAsync(a => a.ArrangementId == arrangementId, ct);
        if (arrangement is null)
        {
            return NotFound();
        }

        var visits = await db.Set<CareVisit>().AsNoTracking().Where(v => v.ArrangementKey == arrangement.Key).OrderBy(v => v.VisitedOn).ThenBy(v => v.Key).ToListAsync(ct);
        var complaints = await db.Set<CaregiverComplaint>().AsNoTracking().Where(c => c.ArrangementKey == arrangement.Key).OrderBy(c => c.Key).ToListAsync(ct);
        var handover = await db.Set<CaregiverHandover>().AsNoTracking().FirstOrDefaultAsync(h => h.FromArrangementId == arrangementId, ct);
        var view = View(arrangement, [.. visits.Where(v => v.Kind == VisitKind.Caregiver).Select(v => v.VisitedOn)], complaints.Count(c => c.Confirmed), options.Value, ChinaTime.Today(clock), mask: false);
        return TypedResults.Ok(new ArrangementDetail(view,
            [.. visits.Select(v => new VisitView(v.VisitId, v.Kind, v.VisitedOn, v.Visitor, v.Findings, v.PersonWell, v.RecordedBy, v.RecordedAt))],
            [.. complaints.Select(c => new CaregiverComplaintView(c.Summary, c.Confirmed, c.Reference, c.RecordedBy, c.RecordedAt))],
            handover is null ? null : new HandoverView(handover.FromArrangementId, handover.ToArrangementId, handover.Reason, handover.Notes, handover.RecordedBy, handover.RecordedAt)));
    }

    internal static async Task<Results<Created<VisitView>, ValidationProblem, ProblemHttpResult>> VisitAsync(
        Guid arrangementId, VisitRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var errors = new ValidationErrors();
        var kind = errors.Enum<VisitKind>("kind", request.Kind);
        var findings = errors.Text("findings", request.Findings, 2000);
        if (request.VisitedOn is not { } visitedOn || visitedOn > today)
        {
            errors.Add("visitedOn", "探访日期必填，且不晚于今天。", "The day of the visit is required and not after today.");
        }

        if (request.PersonWell is null)
        {
            errors.Add("personWell", "请填写对象情况是否良好（true/false）。", "Say whether the person was found well cared for (true/false).");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var arrangement = await db.Set<CareArrangement>().AsNoTracking().FirstOrDefaultAsync(a => a.ArrangementId == arrangementId, ct);
        var caller = Caller.Of(http);
        if (arrangement is null)
        {
            return NotFound();
        }

        if (arrangement.Status != ArrangementStatus.Active || request.VisitedOn < arrangement.StartsOn)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["visitedOn"] = ["探访日期不在该协议有效期内（协议已更换或尚未开始）。", "The visit falls outside this agreement (replaced, or not started yet)."] });
        }

        // The caregiver's visit is recorded for them (by the village coordinator or the provider's system); a spot check is the recorder's own.
        var visit = new CareVisit
        {
            VisitId = Guid.CreateVersion7(clock.GetUtcNow()), ArrangementKey = arrangement.Key, Kind = kind!.Value, VisitedOn = request.VisitedOn!.Value,
            Visitor = kind == VisitKind.Caregiver ? arrangement.CaregiverName : caller.Actor.Name, Findings = findings!, PersonWell = request.PersonWell!.Value,
            RecordedBy = caller.Actor.Name, RecordedAt = clock.GetUtcNow(),
        };
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Path}/{arrangementId}", new VisitView(visit.VisitId, visit.Kind, visit.VisitedOn, visit.Visitor, visit.Findings, visit.PersonWell, visit.RecordedBy, visit.RecordedAt));
    }

    internal static async Task<Results<Created<CaregiverComplaintView>, ValidationProblem, ProblemHttpResult>> ComplainAsync(
        Guid arrangementId, CaregiverComplaintRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var summary = errors.Text("summary", request.Summary, 1000);
        var reference = errors.Text("reference", request.Reference, 50, required: false);
        if (request.Confirmed is null)
        {
            errors.Add("confirmed", "请填写投诉是否属实（true/false）。", "Say whether the complaint was found true (true/false).");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var arrangement = await db.Set<CareArrangement>().AsNoTracking().FirstOrDefaultAsync(a => a.ArrangementId == arrangementId, ct);
        if (arrangement is null)
        {
            return NotFound();
        }

        var complaint = new CaregiverComplaint
        {
            ArrangementKey = arrangement.Key, Summary = summary!, Confirmed = request.Confirmed!.Value, Reference = reference, RecordedBy = caller.Actor.Name, RecordedAt = clock.GetUtcNow(),
        };
        db.Add(complaint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Path}/{arrangementId}", new CaregiverComplaintView(complaint.Summary, complaint.Confirmed, complaint.Reference, complaint.RecordedBy, complaint.RecordedAt));
    }

    internal static async Task<Results<Created<ArrangementView>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid arrangementId, ReplacementRequest request, HttpContext http, ReliefDbContext db, IOptions<CareOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var errors = new ValidationErrors();
        var caregiver = Caregiver(errors, "caregiver", request.Caregiver, today);
        var reason = errors.Text("reason", request.Reason, 1000);
        var notes = errors.Text("handoverNotes", request.HandoverNotes, 2000);
        var startsOn = request.StartsOn ?? today;
        if (startsOn > today.AddDays(31) || startsOn < today.AddDays(-31))
        {
            errors.Add("startsOn", "新协议起始日应在前后一个月内。", "The new agreement starts within a month either side of today.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var old = await db.Set<CareArrangement>().FirstOrDefaultAsync(a => a.ArrangementId == arrangementId, ct);
        if (old is null)
        {
            return NotFound();
        }

        if (old.Status != ArrangementStatus.Active)
        {
            return AlreadyReplaced();
        }

        if (startsOn < old.StartsOn)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["startsOn"] = ["新协议不能早于原协议起始日。", "The new agreement cannot start before the old one did."] });
        }

        var now = clock.GetUtcNow();
        old.Status = ArrangementStatus.Replaced;
        old.EndedOn = startsOn;
        var next = New(old.County, old.Township, old.PersonIdNumber, old.PersonName, old.CareLevel, caregiver!, startsOn, old.ArrangementId, caller.Actor.Name, now);
        db.Add(next);
        db.Add(new CaregiverHandover { FromArrangementId = old.ArrangementId, ToArrangementId = next.ArrangementId, Reason = reason!, Notes = notes!, RecordedBy = caller.Actor.Name, RecordedAt = now });
        try
        {
            // The old agreement's row version: two replacements at once, one wins and the other is 409.
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || (e is DbUpdateException u && u.IsUniqueViolation()))
        {
            return AlreadyReplaced();
        }

        return TypedResults.Created($"{Path}/{next.ArrangementId}", View(next, [], 0, options.Value, today, mask: false));
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("arrangement_not_found", "未找到该照料服务协议。", "No care agreement has this id.");

    private static ProblemHttpResult AlreadyReplaced() =>
        ApiProblems.Conflict("arrangement_not_active", "该协议已被更换，不再有效。", "This agreement was replaced and is no longer active.");

    private static CareArrangement New(string county, string township, string idNumber, string name, CareLevel level, CaregiverRequest caregiver, DateOnly startsOn,
        Guid? replaces, string by, DateTimeOffset now) => new()
    {
        ArrangementId = Guid.CreateVersion7(now), County = county, Township = township, PersonIdNumber = idNumber, PersonName = name, CareLevel = level,
        CaregiverKind = caregiver.Kind == "organisation" ? CaregiverKind.Organisation : CaregiverKind.Person, CaregiverName = caregiver.Name!,
        CaregiverCode = caregiver.Code!, CaregiverPhone = caregiver.Phone!, StartsOn = startsOn, Status = ArrangementStatus.Active, ReplacesArrangementId = replaces,
        CreatedBy = by, CreatedAt = now,
    };

    /// <summary>A caregiver: a person (identity number) or an organisation (credit code), with a phone; null after naming the problems.</summary>
    private static CaregiverRequest? Caregiver(ValidationErrors errors, string field, CaregiverRequest? request, DateOnly today)
    {
        if (request is null)
        {
            errors.Add(field, "请填写照料服务人。", "The caregiver is required.");
            return null;
        }

        var kind = errors.Enum<CaregiverKind>($"{field}.kind", request.Kind);
        var name = errors.Text($"{field}.name", request.Name, 100);
        var code = kind == CaregiverKind.Organisation ? errors.CreditCode($"{field}.code", request.Code) : errors.IdNumber($"{field}.code", request.Code, today);
        var phone = errors.Text($"{field}.phone", request.Phone, 20);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add($"{field}.phone", "电话只含数字和连字符。", "A phone number holds digits and hyphens only.");
        }

        return kind is null || name is null || code is null || phone is null ? null
            : new CaregiverRequest(kind == CaregiverKind.Organisation ? "organisation" : "person", name, code, phone);
    }

    private static ArrangementView View(CareArrangement a, IReadOnlyCollection<DateOnly> caregiverVisits, int confirmedComplaints, CareOptions options, DateOnly today, bool mask)
    {
        // A replaced agreement's schedule stops the day it ended.
        var until = a.EndedOn is { } ended && ended < today ? ended : today;
        var standing = VisitSchedule.Assess(a.StartsOn, until < a.StartsOn ? a.StartsOn : until, day => options.IntervalDays(a.CareLevel, day), caregiverVisits);
        var failures = CaregiverDuty.Failures(standing.Missed.Count, confirmedComplaints, DatedValue.InForce(options.MissedVisitsBeforeFlag, today, "Relief:Care:MissedVisitsBeforeFlag"));
        var active = a.Status == ArrangementStatus.Active;
        return new ArrangementView(a.ArrangementId, a.County, a.Township,
            mask ? PersonalData.MaskIdNumber(a.PersonIdNumber) : a.PersonIdNumber, mask ? PersonalData.MaskName(a.PersonName) : a.PersonName, a.CareLevel,
            a.CaregiverKind, mask ? PersonalData.MaskName(a.CaregiverName) : a.CaregiverName,
            mask ? (a.CaregiverKind == CaregiverKind.Organisation ? CreditCode.Mask(a.CaregiverCode) : PersonalData.MaskIdNumber(a.CaregiverCode)) : a.CaregiverCode,
            mask ? PersonalData.MaskPhone(a.CaregiverPhone) : a.CaregiverPhone, a.StartsOn, a.Status, a.EndedOn, a.ReplacesArrangementId,
            options.IntervalDays(a.CareLevel, standing.CurrentFrom), standing.DueBy, standing.Missed.Count, active && standing.Overdue, confirmedComplaints,
            [.. failures.Select(f => new FailureView(f.Zh, f.En))], active && failures.Count > 0);
    }
}
