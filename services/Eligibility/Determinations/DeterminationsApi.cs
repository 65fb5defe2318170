using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Assessments;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.Eligibility.MeansTest;
using ReliefPlatform.Eligibility.Policies;
using ReliefPlatform.Eligibility.Roster;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Messaging;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Eligibility.Determinations;

public sealed record DeterminationSummary(
    Guid DeterminationId, Guid ApplicationId, Scheme Scheme, string ApplicantIdNumber, string ApplicantName, string County, string? Township,
    ProcedureStage Stage, int Round, DateOnly AppliedOn, DateOnly DecisionDueOn, DateTimeOffset? DisclosureEndsAt);

public sealed record ObjectionView(Guid ObjectionId, DateTimeOffset LodgedAt, bool Anonymous, string? LodgedBy, string Text, ObjectionStatus Status,
    DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Resolution)
{
    // The objector's contact stays with the service; staff see that one was given, the name masked.
    public static ObjectionView From(Objection o) => new(o.ObjectionId, o.LodgedAt, o.LodgedByName is null, o.LodgedByName is null ? null : PersonalData.MaskName(o.LodgedByName),
        o.Text, o.Status, o.ResolvedAt, o.ResolvedBy, o.Resolution);
}

public sealed record DeterminationView(
    DeterminationSummary Summary, int HouseholdSize, bool Urgent, VerificationReport Verification, InvestigationRecord? Investigation, AssessmentView? Proposal,
    DateTimeOffset? DisclosureStartsAt, IReadOnlyList<ObjectionView> Objections, IReadOnlyList<DecisionRecord> Decisions, DateOnly? ReviewRequestUntil, Guid? RecipientId);

public sealed record VerifiedMemberIncome(int? Member, decimal? MonthlyIncome);

public sealed record InvestigationRequest(DateOnly? VisitedOn, List<string>? Visitors, string? Findings, string? Proposal, string? Reason, List<VerifiedMemberIncome>? Incomes);

public sealed record ResolutionRequest(string? Outcome, string? Reason);

public sealed record DecisionRequest(string? Decision, string? Reason);

public sealed record ReviewRequestBody(string? Reason);

public sealed record CorrectionRequest(decimal? MonthlyAmount, string? EffectiveMonth, string? Reason, bool? GoodFaith);

public sealed record CorrectionView(DecisionRecord Correction, int AdjustmentsPaid, decimal AdjustedAmount, int Recoveries, decimal RecoveredAmount);

public sealed record DocumentView(Guid DocumentId, string FileName, string ContentType, long Length, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ProposalKind>))]
public enum ProposalKind
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("eligible")] Eligible,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("not-eligible")] NotEligible,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DecisionKind>))]
public enum DecisionKind
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("approve")] Approve,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("reject")] Reject,
}

/// <summary>
/// The procedure of dibao and tekun applications (R3, R20) for the units that run it: the case with its
/// verification report, the household investigation with its documents, objections, the decision,
/// review and correction. Every step is done by a person (the token's), within their county and township.
/// </summary>
public static class DeterminationsApi
{
    private const string Scope = "the case's county, and for township people its township (another's: 404)";

    public static RouteGroupBuilder MapDeterminationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/eligibility").WithTags("Procedure (审核确认)");
        group.MapGet("/determinations", ListAsync).CountyFiltered().WithSummary("Dibao and tekun cases in procedure by stage; names and identity numbers masked");
        group.MapGet("/determinations/{determinationId:guid}", GetAsync).CountyCheckedByHandler(Scope)
            .WithSummary("One case: verification report (每个数据来源、截至日期、与申报不一致之处), investigation, proposal with its means-test trace, disclosure, objections, decisions");
        group.MapGet("/applications/{applicationId:guid}/determination", ForApplicationAsync).CountyCheckedByHandler(Scope).WithSummary("The procedure of an application");
        group.MapPost("/determinations/{determinationId:guid}/investigation", InvestigateAsync).CountyCheckedByHandler(Scope).WithIdempotency("eligibility-investigation")
            .WithSummary("Record the household investigation (入户调查) and propose: eligible with the amount the means test computes from the verified figures, or not, with reasons (R3, R6)");
        group.MapPost("/determinations/{determinationId:guid}/documents", UploadAsync).CountyCheckedByHandler(Scope).DisableAntiforgery()
            .WithSummary("Attach a document or photo of the investigation (PDF, JPEG, PNG; size limited); stored by the service");
        group.MapGet("/determinations/{determinationId:guid}/documents", DocumentsAsync).CountyCheckedByHandler(Scope).WithSummary("The investigation's documents");
        group.MapGet("/documents/{documentId:guid}", DownloadAsync).CountyCheckedByHandler(Scope).WithSummary("Download a document (always as an attachment)");
        group.MapPost("/determinations/{determinationId:guid}/objections/{objectionId:guid}/resolution", ResolveAsync).CountyCheckedByHandler(Scope)
            .WithIdempotency("eligibility-objection-resolution").WithSummary("Resolve an objection with a reason: upheld (back to investigation) or dismissed (R20)");
        group.MapPost("/determinations/{determinationId:guid}/decision", DecideAsync).CountyCheckedByHandler(Scope).WithIdempotency("eligibility-decision")
            .WithSummary("Approve (enrol from the month of application with back pay) or reject with reasons; by an approver of the delegated level, never the proposer; 409 during disclosure or with an objection open (R3, R20)");
        group.MapPost("/determinations/{determinationId:guid}/review-requests", RequestReviewAsync).CountyCheckedByHandler(Scope).WithIdempotency("eligibility-review")
            .WithSummary("Record the applicant's request for a review of a refusal within its period: the case is investigated and decided again by other people");
        group.MapPost("/determinations/{determinationId:guid}/corrections", CorrectAsync).CountyCheckedByHandler(Scope).WithIdempotency("eligibility-correction")
            .WithSummary("Correct an approval found wrong, with a reason and whether staff acted in good faith; differences paid or recovered (追缴) (R20)");
        return group;
    }

    internal static async Task<Results<Ok<PagedList<DeterminationSummary>>, ValidationProblem>> ListAsync(
        HttpContext http, EligibilityDbContext db, CancellationToken ct, string? stage = null, string? county = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var stageFilter = stage is null ? null : errors.Enum<ProcedureStage>("stage", stage);
        if (county is not null)
        {
            errors.County("county", county);
        }

        errors.Paging(page, pageSize);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var query = Visible(http, db);
        if (stageFilter is { } s) query = query.Where(d => d.Stage == s);
        if (county is not null) query = query.Where(d => d.County == county);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(d => d.DecisionDueOn).ThenBy(d => d.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<DeterminationSummary>([.. rows.Select(Summary)], page, pageSize, total));
    }

    internal static async Task<Results<Ok<DeterminationView>, ProblemHttpResult>> GetAsync(Guid determinationId, HttpContext http, EligibilityDbContext db, CancellationToken ct)
    {
        var determination = await Visible(http, db).Include(d => d.Objections).FirstOrDefaultAsync(d => d.DeterminationId == determinationId, ct);
        return determination is null ? NotFound() : TypedResults.Ok(await ViewAsync(db, determination, ct));
    }

    internal static async Task<Results<Ok<DeterminationView>, ProblemHttpResult>> ForApplicationAsync(Guid applicationId, HttpContext http, EligibilityDbContext db, CancellationToken ct)
    {
        var determination = await Visible(http, db).Include(d => d.Objections).FirstOrDefaultAsync(d => d.ApplicationId == applicationId, ct);
        return determination is null ? NotFound() : TypedResults.Ok(await ViewAsync(db, determination, ct));
    }

    internal static async Task<Results<Ok<DeterminationView>, ValidationProblem, ProblemHttpResult>> InvestigateAsync(
        Guid determinationId, InvestigationRequest request, HttpContext http, EligibilityDbContext db, ProcedureService procedure, ProcedureClock procedureClock,
        IOptions<ProcedureOptions> options, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (await FindAsync(http, db, determinationId, ct) is not { } determination)
        {
            return NotFound();
        }

        if (ProcedureAuthority.RefusesInvestigation(caller, determination) is { } refused)
        {
            return refused;
        }

        var now = procedureClock.Now(http);
        var today = ChinaTime.DateOf(now);
        var errors = new ValidationErrors();
        var visitedOn = request.VisitedOn ?? default;
        if (request.VisitedOn is null)
        {
            errors.Add("visitedOn", "必填。", "Required.");
        }
        else if (visitedOn > today || visitedOn < determination.AppliedOn)
        {
            errors.Add("visitedOn", "入户日期应在申请之后、不晚于今天。", "The visit falls between the application and today.");
        }

        var visitors = request.Visitors ?? [];
        if (visitors.Count is < 2 or > 5)
        {
            // The national measures: at least two staff visit together.
            errors.Add("visitors", "入户调查应由 2 至 5 名工作人员共同进行。", "Two to five staff visit together.");
        }

        for (var i = 0; i < visitors.Count; i++)
        {
            errors.PersonName($"visitors[{i}]", visitors[i]);
        }

        var findings = errors.Text("findings", request.Findings, 2000);
        var proposal = errors.Enum<ProposalKind>("proposal", request.Proposal);
        var reason = errors.Text("reason", request.Reason, 500, required: proposal == ProposalKind.NotEligible);
        var members = Verifier.WithVerifiedIncomes(determination.Members, determination.Report);
        var incomes = request.Incomes ?? [];
        for (var i = 0; i < incomes.Count; i++)
        {
            if (incomes[i].Member is not { } member || member < 1 || member > members.Count)
            {
                errors.Add($"incomes[{i}].member", $"成员序号为 1 到 {members.Count}。", $"Members are numbered 1 to {members.Count}.");
            }
            else if (incomes[i].MonthlyIncome is not (>= 0 and <= 1_000_000))
            {
                errors.Add($"incomes[{i}].monthlyIncome", "月收入应在 0 到 1,000,000 元之间。", "The monthly income is between 0 and 1,000,000.");
            }
            else
            {
                var m = members[member - 1];
                members[member - 1] = m with { MonthlyIncomes = [new MonthlyIncome(IncomeSource.Other, incomes[i].MonthlyIncome!.Value)] };
            }
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        // The proposal's amount is the means test's, from the verified figures (R6), never typed in.
        var policy = await db.PolicyOnAsync(today, ct);
        var facts = new HouseholdFacts(determination.Scheme, null, determination.ApplicantIdNumber, determination.County, determination.AreaType, members, determination.Circumstances);
        var result = MeansTestCalculator.Assess(facts, policy, new RosterFacts(false, false));
        var eligible = proposal == ProposalKind.Eligible;
        if (eligible && result.Outcome != AssessmentOutcome.Eligible && result.Category != AssistanceCategories.NearDibao)
        {
            return ApiProblems.Unprocessable("means_test_not_eligible",
                $"按核实后的收入，家庭经济状况测算为不符合条件：{result.ReasonZh}。", $"With the verified figures the means test finds the household not eligible: {result.ReasonEn}.",
                new Dictionary<string, object?> { ["trace"] = result.Trace });
        }

        var actor = caller.Actor;
        var trace = result.Trace.ToList();
        trace.Add(new RuleTraceStep("R3", $"{visitedOn:yyyy-MM-dd} 入户调查（{string.Join("、", visitors)}）：{findings}", $"Household visit on {visitedOn:yyyy-MM-dd} by {visitors.Count} staff: {findings}"));
        var (reasonZh, reasonEn) = eligible ? (result.ReasonZh, result.ReasonEn) : (reason!, reason!);
        var assessment = new Assessment
        {
            AssessmentId = Guid.CreateVersion7(now), ApplicationId = determination.ApplicationId, AssessedAt = now, PolicyDate = today, Scheme = determination.Scheme,
            ApplicantIdNumber = determination.ApplicantIdNumber, ApplicantName = determination.ApplicantName, ResidenceCounty = determination.County,
            HukouCounty = determination.HukouCounty, AreaType = determination.AreaType, Outcome = eligible ? AssessmentOutcome.Eligible : AssessmentOutcome.NotEligible,
            Category = eligible ? result.Category : "none", MonthlyAmount = eligible ? result.MonthlyAmount : null, Standard = result.Standard,
            CountedIncome = result.CountedIncome, PerCapitaIncome = result.PerCapitaIncome,
            ReasonZh = $"调查意见（{actor.Name}）：{reasonZh}", ReasonEn = $"Proposal ({actor.Name}): {reasonEn}", Trace = trace, Members = members,
            Circumstances = determination.Circumstances,
        };
        db.Assessments.Add(assessment);

        var record = new InvestigationRecord(visitedOn, [.. visitors], findings!, actor, now, eligible, assessment.Category, assessment.MonthlyAmount,
            reasonZh, reasonEn, assessment.AssessmentId);
        if (Apply(() => determination.Investigate(record, (int)policy.RequiredParameter(PolicyParameters.DisclosureDays))) is { } problem)
        {
            return problem;
        }

        await WorkQueue.CloseAsync(db, determination.DeterminationId, actor.Id, now, ct, WorkKind.Investigate);
        WorkQueue.Open(db, WorkKind.Decide, determination.DeterminationId, determination.County, DecidingUnit(determination, options.Value), determination.DecisionDueOn, now);
        var amount = record.MonthlyAmount is { } a ? $"，月保障金 {ProcedureService.Yuan(a)} 元" : "";
        procedure.Step(determination, "investigated", now,
            $"已入户调查，调查意见：{(eligible ? "符合条件" : "不符合条件")}{amount}" + (determination.Stage == ProcedureStage.Disclosure ? $"；公示至 {ChinaTime.DateOf(determination.DisclosureEndsAt!.Value):yyyy-MM-dd}。" : "。"),
            $"Household investigated; proposal: {(eligible ? "eligible" : "not eligible")}" + (determination.Stage == ProcedureStage.Disclosure ? $"; publicly disclosed until {ChinaTime.DateOf(determination.DisclosureEndsAt!.Value):yyyy-MM-dd}." : "."));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, determination, ct));
    }

    internal static async Task<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        Guid determinationId, IFormFile? file, HttpContext http, EligibilityDbContext db, TimeProvider clock, IOptions<ProcedureOptions> options, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (await FindAsync(http, db, determinationId, ct) is not { } determination)
        {
            return NotFound();
        }

        if (ProcedureAuthority.RefusesInvestigation(caller, determination) is { } refused)
        {
            return refused;
        }

        var max = options.Value.MaxDocumentBytes;
        if (file is null || file.Length == 0)
        {
            return ApiProblems.Validation("file", "请以 multipart/form-data 上传一个文件（字段名 file）。", "Upload one file as multipart/form-data (field 'file').");
        }

        var contentType = file.ContentType.Split(';')[0].Trim().ToLowerInvariant();
        if (!DocumentRules.Signatures.ContainsKey(contentType))
        {
            return ApiProblems.Validation("file", $"只接受 {string.Join("、", DocumentRules.Signatures.Keys)}。", $"Only {string.Join(", ", DocumentRules.Signatures.Keys)} are accepted.");
        }

        if (file.Length > max)
        {
            return ApiProblems.Validation("file", $"文件不能超过 {max / 1024 / 1024} MB。", $"A file is at most {max / 1024 / 1024} MB.");
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        if (!DocumentRules.Matches(contentType, content))
        {
            return ApiProblems.Validation("file", "文件内容与声明的类型不符。", "The file's content is not of the type it declares.");
        }

        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        var now = clock.GetUtcNow();
        var document = new InvestigationDocument
        {
            DocumentId = Guid.CreateVersion7(now), DeterminationId = determination.DeterminationId, County = determination.County, Township = determination.Township,
            FileName = name.Length is 0 or > 200 ? "document" : name, ContentType = contentType, Length = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content, UploadedBy = caller.Actor.ToString(), UploadedAt = now,
        };
        db.Set<InvestigationDocument>().Add(document);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/eligibility/documents/{document.DocumentId}", DocumentView(document));
    }

    internal static async Task<Results<Ok<List<DocumentView>>, ProblemHttpResult>> DocumentsAsync(Guid determinationId, HttpContext http, EligibilityDbContext db, CancellationToken ct)
    {
        if (await FindAsync(http, db, determinationId, ct) is null)
        {
            return NotFound();
        }

        var documents = await db.Set<InvestigationDocument>().AsNoTracking().Where(d => d.DeterminationId == determinationId).OrderBy(d => d.Key)
            .Select(d => new DocumentView(d.DocumentId, d.FileName, d.ContentType, d.Length, d.Sha256, d.UploadedBy, d.UploadedAt)).ToListAsync(ct);
        return TypedResults.Ok(documents);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(Guid documentId, HttpContext http, EligibilityDbContext db, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var document = await caller.Visible(db.Set<InvestigationDocument>().AsNoTracking(), d => d.County).FirstOrDefaultAsync(d => d.DocumentId == documentId, ct);
        if (document is null || (document.Township is not null && !caller.SeesTownship(document.Township)))
        {
            return ApiProblems.NotFound("document_not_found", "未找到该文件。", "No document has this id.");
        }

        // Served as a download of an opaque type: a browser never renders what a caseworker uploaded.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(document.Content, "application/octet-stream", document.FileName);
    }

    internal static async Task<Results<Ok<DeterminationView>, ValidationProblem, ProblemHttpResult>> ResolveAsync(
        Guid determinationId, Guid objectionId, ResolutionRequest request, HttpContext http, EligibilityDbContext db, ProcedureService procedure,
        ProcedureClock procedureClock, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (await FindAsync(http, db, determinationId, ct) is not { } determination)
        {
            return NotFound();
        }

        var errors = new ValidationErrors();
        var outcome = errors.Enum<ObjectionStatus>("outcome", request.Outcome);
        if (outcome == ObjectionStatus.Open)
        {
            errors.Add("outcome", "取值为 upheld 或 dismissed。", "Use upheld or dismissed.");
        }

        var reason = errors.Text("reason", request.Reason, 1000);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var now = procedureClock.Now(http);
        var upheld = outcome == ObjectionStatus.Upheld;
        if (Apply(() => determination.ResolveObjection(objectionId, caller.Actor, upheld, reason!, now)) is { } problem)
        {
            return problem;
        }

        if (determination.Objections.All(o => o.Status != ObjectionStatus.Open))
        {
            await WorkQueue.CloseAsync(db, determination.DeterminationId, caller.Actor.Id, now, ct, WorkKind.ResolveObjection);
        }

        if (determination.Stage == ProcedureStage.Investigation)
        {
            await WorkQueue.CloseAsync(db, determination.DeterminationId, caller.Actor.Id, now, ct, WorkKind.Decide);
            WorkQueue.Open(db, WorkKind.Investigate, determination.DeterminationId, determination.County, determination.Township, determination.DecisionDueOn, now);
        }

        procedure.Step(determination, "objection-resolved", now, $"公示异议已处理（{(upheld ? "异议成立，重新调查" : "异议不成立")}）：{reason}",
            $"Objection resolved ({(upheld ? "upheld: investigated again" : "dismissed")}): {reason}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, determination, ct));
    }

    internal static async Task<Results<Ok<DeterminationView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid determinationId, DecisionRequest request, HttpContext http, EligibilityDbContext db, ProcedureService procedure, ProcedureClock procedureClock,
        IOptions<ProcedureOptions> options, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (await FindAsync(http, db, determinationId, ct) is not { } determination)
        {
            return NotFound();
        }

        if (ProcedureAuthority.RefusesDecision(caller, determination, options.Value.ApprovalLevel) is { } refused)
        {
            return refused;
        }

        var errors = new ValidationErrors();
        var decision = errors.Enum<DecisionKind>("decision", request.Decision);
        var reason = errors.Text("reason", request.Reason, 500, required: decision == DecisionKind.Reject);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var now = procedureClock.Now(http);
        var policy = await db.PolicyOnAsync(ChinaTime.DateOf(now), ct);
        var approve = decision == DecisionKind.Approve;
        var (zh, en) = approve
            ? ($"经审核确认，{determination.Investigation?.ReasonZh}{(reason is null ? "" : $"（{reason}）")}", $"Approved: {determination.Investigation?.ReasonEn}{(reason is null ? "" : $" ({reason})")}")
            : ($"经审核，不予批准：{reason}", $"Refused: {reason}");
        if (Apply(() => determination.Decide(caller.Actor, approve, zh, en, now, (int)policy.RequiredParameter(PolicyParameters.ReviewRequestDays))) is { } problem)
        {
            return problem;
        }

        var basis = await db.Assessments.FirstAsync(a => a.AssessmentId == determination.Investigation!.AssessmentId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await WorkQueue.CloseAsync(db, determination.DeterminationId, caller.Actor.Id, now, ct, WorkKind.Decide);
        if (approve)
        {
            try
            {
                await procedure.EnrolAsync(determination, basis, now, ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation(RosterPerson.OneActiveEntryIndex))
            {
                return ApiProblems.Conflict("already_on_roster", "家庭成员已在保障名册中，不重复纳入。", "A member is already on the roster: nobody is enrolled twice.");
            }
        }

        procedure.Announce(determination, basis, approve, zh, en, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, determination, ct));
    }

    internal static async Task<Results<Ok<DeterminationView>, ValidationProblem, ProblemHttpResult>> RequestReviewAsync(
        Guid determinationId, ReviewRequestBody request, HttpContext http, EligibilityDbContext db, ProcedureService procedure, ProcedureClock procedureClock, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (await FindAsync(http, db, determinationId, ct) is not { } determination)
        {
            return NotFound();
        }

        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, 500);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var now = procedureClock.Now(http);
        if (Apply(() => determination.RequestReview(caller.Actor, reason!, now)) is { } problem)
        {
            return problem;
        }

        var policy = await db.PolicyOnAsync(ChinaTime.DateOf(now), ct);
        var due = ChinaTime.DateOf(now).AddDays((int)policy.RequiredParameter(PolicyParameters.DecisionDays));
        determination.DecisionDueOn = due;
        WorkQueue.Open(db, WorkKind.Investigate, determination.DeterminationId, determination.County, determination.Township, due, now);
        procedure.Step(determination, "review-requested", now, $"申请人申请复核：{reason}；由未参与原决定的人员重新调查、审批。",
            $"The applicant asked for a review: {reason}; investigated and decided again by other people.");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, determination, ct));
    }

    internal static async Task<Results<Ok<CorrectionView>, ValidationProblem, ProblemHttpResult>> CorrectAsync(
        Guid determinationId, CorrectionRequest request, HttpContext http, EligibilityDbContext db, ProcedureClock procedureClock, IOptions<ProcedureOptions> options, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        if (await FindAsync(http, db, determinationId, ct) is not { } determination)
        {
            return NotFound();
        }

        if (ProcedureAuthority.RefusesDecision(caller, determination, options.Value.ApprovalLevel) is { } refused)
        {
            return refused;
        }

        var errors = new ValidationErrors();
        if (request.MonthlyAmount is not (>= 0 and <= 100_000) || decimal.Round(request.MonthlyAmount.Value, 2) != request.MonthlyAmount)
        {
            errors.Add("monthlyAmount", "更正后的月保障金应在 0 到 100,000 元之间、最多两位小数（0 表示不应纳入）。", "The corrected monthly amount is 0 to 100,000 with at most two decimals (0: should not have been enrolled).");
        }

        var from = default(DateOnly);
        if (request.EffectiveMonth is null || !DateOnly.TryParseExact(request.EffectiveMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            errors.Add("effectiveMonth", "必填，格式 yyyy-MM。", "Required, as yyyy-MM.");
        }

        var reason = errors.Text("reason", request.Reason, 500);
        if (request.GoodFaith is null)
        {
            errors.Add("goodFaith", "请说明经办人员是否尽职（善意）。", "Say whether the staff who decided acted in good faith.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var now = procedureClock.Now(http);
        DecisionRecord? record = null;
        if (Apply(() => record = determination.Correct(caller.Actor, request.MonthlyAmount!.Value, reason!, request.GoodFaith!.Value, now)) is { } problem)
        {
            return problem;
        }

        var recipient = await db.Recipients.Include(r => r.Persons).FirstAsync(r => r.RecipientId == determination.RecipientId, ct);
        var paid = await StandardRecalculation.PaidByMonthAsync(db, [recipient.Key], from, ct);
        var totals = new DifferenceTotals();
        var cause = $"correction-{determination.Decisions.Count}";
        foreach (var ((_, month), amount) in paid)
        {
            Differences.Settle(db, recipient, month, request.MonthlyAmount!.Value - amount, cause, $"决定更正：{reason}", now, totals);
        }

        recipient.MonthlyAmount = request.MonthlyAmount!.Value;
        if (recipient.MonthlyAmount == 0m && recipient.Status != RecipientStatus.Exited)
        {
            recipient.Exit(ChinaTime.DateOf(now), $"决定更正：{reason}");
            db.AddToOutbox(new RecipientExited(recipient.RecipientId, WireName.Of(recipient.Category), recipient.County, ChinaTime.DateOf(now), reason!));
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CorrectionView(record!, totals.Adjustments, totals.Adjusted, totals.Recoveries, totals.Recovered));
    }

    private static ProblemHttpResult? Apply(Action step)
    {
        try
        {
            step();
            return null;
        }
        catch (ProcedureException e)
        {
            return ApiProblems.Problem(e.Status, e.Code, e.Status switch { 403 => "无权办理 / Forbidden", 404 => "未找到 / Not found", 422 => "无法处理 / Unprocessable", _ => "冲突 / Conflict" }, e.Zh, e.Message);
        }
    }

    private static string DecidingUnit(Determination determination, ProcedureOptions options) =>
        options.ApprovalLevel == ApprovalLevel.Township ? determination.Township ?? determination.County : determination.County;

    private static IQueryable<Determination> Visible(HttpContext http, EligibilityDbContext db)
    {
        var caller = Caller.Of(http);
        var query = caller.Visible(db.Set<Determination>(), d => d.County);
        return caller.Township is { } township ? query.Where(d => d.Township == null || d.Township == township) : query;
    }

    private static Task<Determination?> FindAsync(HttpContext http, EligibilityDbContext db, Guid id, CancellationToken ct) =>
        Visible(http, db).Include(d => d.Objections).FirstOrDefaultAsync(d => d.DeterminationId == id, ct);

    private static DeterminationSummary Summary(Determination d) => new(d.DeterminationId, d.ApplicationId, d.Scheme, PersonalData.MaskIdNumber(d.ApplicantIdNumber),
        PersonalData.MaskName(d.ApplicantName), d.County, d.Township, d.Stage, d.Round, d.AppliedOn, d.DecisionDueOn, d.DisclosureEndsAt);

    private static async Task<DeterminationView> ViewAsync(EligibilityDbContext db, Determination d, CancellationToken ct)
    {
        var proposal = d.Investigation is { } investigation
            ? await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.AssessmentId == investigation.AssessmentId, ct)
            : null;
        return new DeterminationView(Summary(d), d.HouseholdSize, d.Urgent, d.Report, d.Investigation, proposal is null ? null : AssessmentView.From(proposal),
            d.DisclosureStartsAt, [.. d.Objections.OrderBy(o => o.LodgedAt).Select(ObjectionView.From)], d.Decisions, d.ReviewRequestUntil, d.RecipientId);
    }

    private static DocumentView DocumentView(InvestigationDocument d) => new(d.DocumentId, d.FileName, d.ContentType, d.Length, d.Sha256, d.UploadedBy, d.UploadedAt);

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("determination_not_found", "未找到该审核确认案件。", "No case in procedure has this id.");
}
