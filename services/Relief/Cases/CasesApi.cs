using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Relief;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.Relief.Grants;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Relief.Cases;

public sealed record AssistFirstRequest(Guid? FundId, decimal? Amount);

public sealed record StageRequest(decimal? Amount);

/// <summary>A proposal for another person to approve (needed for case-by-case amounts, R14).</summary>
public sealed record ProposalRequest(string? PayingCounty, decimal? Multiplier, decimal? Amount, string? Reason);

/// <param name="ReleaseNow">Staged help (R8): the part paid now; the rest is released later as further stages. Default: all that is left.</param>
/// <remarks>
/// With a proposal pending, the grant approves it as proposed (the amount fields are not read); without
/// one, the caller proposes and approves at once, within the multiplier range only. Who proposes and
/// approves, and the granting level (the approver's unit), come from the token.
/// </remarks>
public sealed record GrantRequest(string? PayingCounty, decimal? Multiplier, decimal? Amount, string? Reason, decimal? ReleaseNow = null);

public sealed record RejectRequest(string? Reason);

public sealed record CaseView(
    Guid CaseId, Guid ApplicationId, TemporaryAssistanceKind Kind, string PersonIdNumber, string PersonName, bool Urgent, CaseStatus Status,
    IReadOnlyList<PayingCountyOption> PayingCounties, decimal MultiplierMin, decimal MultiplierMax, DateTimeOffset OpenedAt,
    Guid? GrantId, string? PayingCounty, decimal? UrbanStandard, decimal? Multiplier, decimal? Amount, bool CaseByCase,
    string? ProposedBy, DateTimeOffset? ProposedAt, decimal? ProposalMultiplier, decimal? ProposalAmount, string? ApprovedBy, GrantingLevel? GrantedAt, string? Reason, DateTimeOffset? DecidedAt,
    decimal? AssistFirstAmount, DateTimeOffset? ReviewDeadline, bool ReviewOverdue, decimal? RecoveryAmount, decimal ReleasedAmount, int StagesReleased, string? Township)
{
    public static CaseView From(ReliefCase c, bool mask) => new(
        c.CaseId, c.ApplicationId, c.Kind, mask ? PersonalData.MaskIdNumber(c.PersonIdNumber) : c.PersonIdNumber, mask ? PersonalData.MaskName(c.PersonName) : c.PersonName, c.Urgent, c.Status,
        c.Basis.PayingCounties, c.Basis.MultiplierMin, c.Basis.MultiplierMax, c.OpenedAt, c.GrantId, c.PayingCounty, c.UrbanStandard, c.Multiplier,
        c.Amount, c.CaseByCase, c.ProposedBy, c.ProposedAt, c.ProposalMultiplier, c.ProposalAmount, c.ApprovedBy, c.GrantedAt, c.Reason, c.DecidedAt,
        c.AssistFirstAmount, c.ReviewDeadline, c.ReviewOverdue(DateTimeOffset.UtcNow), c.RecoveryAmount, c.ReleasedAmount, c.StagesReleased, c.Township);
}

/// <summary>Temporary-assistance cases and their grants (R4 R5 R8 R9 R10 R13 R14 R20).</summary>
public static class CasesApi
{
    public const string Path = "/api/relief/cases";

    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Temporary assistance")
            .RequireCountyOf("caseId", (http, id, ct) => http.RequestServices.GetRequiredService<ReliefDbContext>().Cases
                .Where(c => c.CaseId == id).Select(c => c.County).FirstOrDefaultAsync(ct))
            .RequireTownshipOf<RouteGroupBuilder, ReliefDbContext>("caseId", (db, id) => db.Cases.Where(c => c.CaseId == id).Select(c => c.Township));
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Cases by status, county or application, newest first or (order=oldest) as a work queue; names and identity numbers masked");
        group.MapGet("/{caseId:guid}", GetAsync).WithSummary("A case with its grant");
        group.MapPost("/{caseId:guid}/proposal", ProposeAsync).WithIdempotency("relief-proposals")
            .WithSummary("Propose a grant for another person to approve; a case-by-case amount (R14) must be proposed first");
        group.MapPost("/{caseId:guid}/grant", GrantAsync).WithIdempotency("relief-grants")
            .WithSummary("Approve the grant: the pending proposal, or multiplier × the paying county's urban standard (default the lowest multiplier); four eyes on token subjects for case-by-case amounts (R14); the level is the approver's unit (R8, R13)");
        group.MapPost("/{caseId:guid}/reject", RejectAsync).WithIdempotency("relief-cases-reject").WithSummary("Reject the case with a reason; an amount already paid first is flagged for recovery");
        group.MapPost("/{caseId:guid}/assist-first", AssistFirstAsync).WithIdempotency("relief-assist-first")
            .WithSummary("R8 assist first: pay an urgent case now from the township reserve fund, up to its cap; the review follows by the deadline");
        group.MapPost("/{caseId:guid}/stages", ReleaseStageAsync).WithIdempotency("relief-stages")
            .WithSummary("R8 staged help: release the next part of the granted amount");
        return group;
    }

    internal static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> ProposeAsync(
        Guid caseId, ProposalRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, 1000, required: false);
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

        var proposal = new GrantProposal(request.PayingCounty, request.Multiplier, request.Amount, Caller.Of(http).Actor, null, reason);
        // Checked as the approver will check it, except for the approver still to come.
        var (_, refusal) = GrantCalculator.Decide(reliefCase.Basis, proposal);
        if (refusal is not null && refusal.Code != "case_by_case_approver_missing")
        {
            return Refused(refusal);
        }

        reliefCase.Propose(proposal, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    internal static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> GrantAsync(
        Guid caseId, GrantRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, IOptions<ReliefOptions> options, ReliefMetrics metrics, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, 1000, required: false);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var approver = Caller.Of(http).Actor;
        var level = GrantAuthority.LevelOf(approver);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Serialize grants to one person, so two counties cannot both pay the same incident at once (R20).
        if (!await db.Database.LockPersonOfCaseAsync(caseId, ct))
        {
            return NotFound();
        }

        var reliefCase = await db.Cases.FirstAsync(c => c.CaseId == caseId, ct);
        if (reliefCase.Status != CaseStatus.Open)
        {
            return ApiProblems.Conflict("case_not_open", "该案件已审批或已驳回。", "This case was already granted or rejected.",
                new Dictionary<string, object?> { ["status"] = WireName.Of(reliefCase.Status) });
        }

        var now = clock.GetUtcNow();
        if (await db.Cases.EarlierGrantAsync(reliefCase, now, options.Value.OneGrantPerIncidentWindow, ct) is { } earlier)
        {
            return ApiProblems.Conflict("already_granted_for_incident",
                $"该对象已于 {earlier.DecidedAt:yyyy-MM-dd} 因同类事由获得临时救助（一事一救，R20）。",
                $"This person was already granted this kind of temporary assistance on {earlier.DecidedAt:yyyy-MM-dd} (one grant per incident, R20).",
                new Dictionary<string, object?> { ["existingCaseId"] = earlier.CaseId, ["location"] = $"{Path}/{earlier.CaseId}" });
        }

        var proposal = reliefCase.HasPendingProposal
            ? reliefCase.PendingProposal(approver)
            : new GrantProposal(request.PayingCounty, request.Multiplier, request.Amount, approver, approver, reason);
        var (decision, refusal) = GrantCalculator.Decide(reliefCase.Basis, proposal);
        refusal ??= GrantAuthority.Refuses(level, reliefCase.Kind, decision!.CaseByCase);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        if (reliefCase.AssistFirstAmount is { } paidFirst && decision!.Amount < paidFirst)
        {
            return ApiProblems.Unprocessable("amount_below_assist_first", $"批准金额不能低于已先行支付的 {paidFirst:0.00} 元。",
                $"The approved amount cannot be below the CNY {paidFirst:0.00} already paid first.", new Dictionary<string, object?> { ["field"] = "amount" });
        }

        reliefCase.Grant(decision!, proposal, now, level);
        var releaseNow = request.ReleaseNow ?? reliefCase.Remaining!.Value;
        if (releaseNow < 0 || releaseNow > reliefCase.Remaining || decimal.Round(releaseNow, 2) != releaseNow)
        {
            return ApiProblems.Validation("releaseNow", $"本次发放应在 0 到 {reliefCase.Remaining:0.00} 元之间。", $"The part paid now is between 0 and CNY {reliefCase.Remaining:0.00}.");
        }

        if (releaseNow > 0)
        {
            Release(db, reliefCase, releaseNow, now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        metrics.Granted(reliefCase.Kind, reliefCase.PayingCounty!, reliefCase.Amount!.Value);
        return TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    private static Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult> Refused(GrantRefusal refusal) =>
        refusal.Unprocessable
            ? ApiProblems.Unprocessable(refusal.Code, refusal.MessageZh, refusal.MessageEn, new Dictionary<string, object?> { ["field"] = refusal.Field })
            : ApiProblems.Validation(refusal.Field, refusal.MessageZh, refusal.MessageEn);

    /// <summary>Announces one stage to payments: its own GrantApproved with a unique reference (case:stage).</summary>
    private static void Release(ReliefDbContext db, ReliefCase reliefCase, decimal amount, DateTimeOffset now)
    {
        var stage = reliefCase.ReleaseStage(amount);
        db.AddToOutbox(new GrantApproved(Guid.CreateVersion7(now), reliefCase.CaseId, reliefCase.ApplicationId, $"temporary-assistance:{reliefCase.CaseId}:{stage}",
            reliefCase.PersonIdNumber, reliefCase.PersonName, reliefCase.PayingCounty!, PaymentPurposes.TemporaryAssistance, amount, now,
            reliefCase.Township, reliefCase.ApprovedById, reliefCase.ApprovedBy, reliefCase.Amount,
            reliefCase.UrbanStandard is { } standard ? GrantCalculator.Fen(reliefCase.Basis.MultiplierMax * standard) : null, reliefCase.CaseByCase));
    }

    internal static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> ReleaseStageAsync(
        Guid caseId, StageRequest request, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Yuan("amount", request.Amount, "金额", "The amount", 10_000_000);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reliefCase = await db.Cases.FromSql($"SELECT *, xmin FROM cases WHERE case_id = {caseId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (reliefCase is null)
        {
            return NotFound();
        }

        if (reliefCase.Status != CaseStatus.Granted)
        {
            return ApiProblems.Conflict("case_not_granted", "只有已批准的案件可以分阶段发放。", "Only a granted case releases stages.");
        }

        if (request.Amount > reliefCase.Remaining)
        {
            return ApiProblems.Unprocessable("stages_exceed_grant", $"各阶段合计不能超过批准金额；尚余 {reliefCase.Remaining:0.00} 元。",
                $"The stages cannot add up to more than the grant; CNY {reliefCase.Remaining:0.00} remains.", new Dictionary<string, object?> { ["field"] = "amount", ["remaining"] = reliefCase.Remaining });
        }

        Release(db, reliefCase, request.Amount!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    internal static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> AssistFirstAsync(
        Guid caseId, AssistFirstRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, IOptions<ReliefOptions> options, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var paidBy = Caller.Of(http).Actor.Name;
        if (request.FundId is null)
        {
            errors.Add("fundId", "必填。", "Required.");
        }

        errors.Yuan("amount", request.Amount, "金额", "The amount", 10_000_000);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reliefCase = await db.Cases.FromSql($"SELECT *, xmin FROM cases WHERE case_id = {caseId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (reliefCase is null)
        {
            return NotFound();
        }

        if (reliefCase.Status != CaseStatus.Open || reliefCase.AssistFirstAmount is not null)
        {
            return ApiProblems.Conflict("case_not_open", "该案件已审批、已驳回或已先行救助。", "This case was already decided or paid first.");
        }

        if (!reliefCase.Urgent)
        {
            return ApiProblems.Unprocessable("not_urgent", "先行救助只适用于急难情形。", "Assist first is for urgent cases only (R8).");
        }

        var amount = request.Amount!.Value;
        var fund = await db.Set<ReserveFunds.ReserveFund>().FromSql($"SELECT *, xmin FROM reserve_funds WHERE fund_id = {request.FundId!.Value} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (fund is null)
        {
            return ApiProblems.Validation("fundId", "未找到该备用金。", "No reserve fund has this id.");
        }

        var cannotPay = fund.CannotPay(amount, reliefCase.County);
        if (cannotPay == ReserveFunds.ReservePaymentRefusal.OtherCounty)
        {
            return ApiProblems.Unprocessable("reserve_fund_of_other_area", "备用金只能支付本乡镇、本县（市、区）的案件。",
                "A reserve fund pays only cases of its own township and county (R8).", new Dictionary<string, object?> { ["field"] = "fundId" });
        }

        if (cannotPay == ReserveFunds.ReservePaymentRefusal.AboveCap)
        {
            return ApiProblems.Unprocessable("above_reserve_cap", $"先行救助单笔不能超过 {fund.PaymentCap:0.00} 元。", $"An assist-first payment is at most CNY {fund.PaymentCap:0.00}.",
                new Dictionary<string, object?> { ["field"] = "amount" });
        }

        if (cannotPay == ReserveFunds.ReservePaymentRefusal.Insufficient)
        {
            // No overdraft: the case stays open, waiting, and is listed for operators.
            return ApiProblems.Unprocessable("reserve_insufficient", $"备用金余额 {fund.Balance:0.00} 元不足，案件等待补充或正常审批。",
                $"The reserve fund holds CNY {fund.Balance:0.00}, not enough: the case waits for a replenishment or the normal approval.",
                new Dictionary<string, object?> { ["balance"] = fund.Balance });
        }

        var now = clock.GetUtcNow();
        db.Add(fund.Pay(amount, reliefCase.CaseId, reliefCase.County, paidBy, now));
        reliefCase.AssistFirstAmount = amount;
        reliefCase.AssistFirstFundId = fund.FundId;
        reliefCase.AssistFirstPaidAt = now;
        reliefCase.ReviewDeadline = now + options.Value.AssistFirstReviewPeriod;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    internal static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid caseId, RejectRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
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

        reliefCase.Reject(Caller.Of(http).Actor, reason!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(Guid caseId, ReliefDbContext db, CancellationToken ct)
    {
        var reliefCase = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.CaseId == caseId, ct);
        return reliefCase is null ? NotFound() : TypedResults.Ok(CaseView.From(reliefCase, mask: false));
    }

    internal static async Task<Results<Ok<PagedList<CaseView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct, string? status = null, string? county = null, Guid? applicationId = null,
        bool? reviewOverdue = null, bool? recovery = null, int page = 1, int pageSize = 20, string? order = null)
    {
        var errors = new ValidationErrors();
        var statusFilter = status is null ? null : errors.Enum<CaseStatus>("status", status);
        var ordering = order is null ? CaseOrder.Newest : errors.Enum<CaseOrder>("order", order);
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
        var query = caller.Visible(db.Cases.AsNoTracking(), c => c.County);
        if (caller.Township is { } township)
        {
            query = query.Where(c => c.Township == township);
        }

        if (statusFilter is { } s) query = query.Where(c => c.Status == s);
        if (county is not null) query = query.Where(c => c.County == county);
        if (applicationId is not null) query = query.Where(c => c.ApplicationId == applicationId);
        var now = clock.GetUtcNow();
        if (reviewOverdue == true) query = query.Where(c => c.ReviewDeadline != null && c.ReviewedAt == null && c.ReviewDeadline < now);
        if (recovery == true) query = query.Where(c => c.RecoveryAmount != null);
        var total = await query.CountAsync(ct);
        var ordered = ordering == CaseOrder.Oldest ? query.OrderBy(c => c.OpenedAt) : query.OrderByDescending(c => c.OpenedAt);
        var cases = await ordered.Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<CaseView>([.. cases.Select(c => CaseView.From(c, mask: true))], page, pageSize, total));
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("case_not_found", "未找到该案件。", "No case has this id.");
}
