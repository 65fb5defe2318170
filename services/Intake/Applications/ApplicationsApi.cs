using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Intake.Data;
using ReliefPlatform.Intake.Leads;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults.Messaging;

namespace ReliefPlatform.Intake.Applications;

/// <summary>Applications (R3, R20): submit, read with the timeline, list.</summary>
public static class ApplicationsApi
{
    public const string Path = "/api/intake/applications";

    public static RouteGroupBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Applications");
        group.MapPost("/", SubmitAsync)
            .WithIdempotency("intake-applications")
            .CountyFromRequest("residenceCounty or hukouCounty")
            .WithSummary("Submit an application (R3: one ID + one letter; R20: one open application per person and scheme)")
            .WithDescription("202 with the application id and its Location; 400 naming each invalid field; 422 without the signed authorization; 409 with the open application's id when a member already has one for the scheme, in any county. An Idempotency-Key header makes a retried POST return the first answer.");
        group.MapGet("/{applicationId:guid}", GetAsync).CountyCheckedByHandler("the application's residence or hukou county").WithSummary("An application with its timeline");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Applications, paged and filtered; names, identity and phone numbers masked");
        return group;
    }

    internal static Task<Results<Accepted<ApplicationAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ApplicationRequest request, HttpContext http, IntakeDbContext db, OutboxSignal signal, TimeProvider clock, IntakeMetrics metrics, ILoggerFactory loggers, CancellationToken ct) =>
        ReceiveAsync(request, valid => Refusal(Caller.Of(http), valid, metrics), db, signal, clock, metrics, loggers, ct);

    /// <summary>Who may submit it: a county's client for its residents (or its hukou holders living elsewhere, R5); a township's people for their township.</summary>
    private static IResult? Refusal(Caller caller, ValidatedApplication valid, IntakeMetrics metrics)
    {
        if (!caller.MayActFor(valid.ResidenceCounty) && !caller.MayActFor(valid.HukouCounty))
        {
            metrics.Refused("county_not_permitted");
            return Caller.CountyForbidden(valid.ResidenceCounty);
        }

        // A township's or village's people submit for their own township, and say so.
        if (caller.Township is { } own && valid.ResidenceTownship != own)
        {
            metrics.Refused("township_not_permitted");
            return valid.ResidenceTownship is null
                ? ApiProblems.Validation("residenceTownship", $"乡镇（街道）人员提交申请须填写居住乡镇（{own}）。", $"A township's people name the township of residence ({own}).")
                : Caller.TownshipForbidden(valid.ResidenceTownship);
        }

        return null;
    }

    /// <summary>Receives an application once its submitter may submit it (<paramref name="refusal"/> null): one open application per person and scheme (R20).</summary>
    internal static async Task<Results<Accepted<ApplicationAccepted>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(ApplicationRequest request,
        Func<ValidatedApplication, IResult?> refusal, IntakeDbContext db, OutboxSignal signal, TimeProvider clock, IntakeMetrics metrics, ILoggerFactory loggers, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validation = ApplicationValidator.Validate(request, now);
        if (!validation.Errors.IsEmpty)
        {
            metrics.Refused("validation");
            return ApiProblems.Validation(validation.Errors.ToDictionary());
        }

        if (validation.AuthorizationMissing)
        {
            metrics.Refused("authorization_missing");
            return ApiProblems.Unprocessable("authorization_missing",
                "缺少申请人签署的家庭经济状况核对授权书（一证一书）：没有授权书，申请不能受理。",
                "The signed authorization to verify the household's economic situation is missing (one ID + one letter): without it the application cannot be accepted.");
        }

        var valid = validation.Application!;
        switch (refusal(valid))
        {
            case ValidationProblem invalid:
                return invalid;
            case ProblemHttpResult refused:
                return refused;
        }

        Lead? lead = null;
        if (valid.LeadId is { } leadId)
        {
            lead = await db.Leads.FirstOrDefaultAsync(l => l.LeadId == leadId, ct);
            if (lead is null || lead.Status != LeadStatus.Open)
            {
                metrics.Refused("lead_not_open");
                return ApiProblems.Unprocessable("lead_not_open", "所关联的线索不存在或已处理。", "The lead this application follows up does not exist or is no longer open.",
                    new Dictionary<string, object?> { ["field"] = "leadId" });
            }
        }

        var application = Application.Submit(valid, now);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await Submissions.WriteAsync(db, application, now, ct);
            if (lead is not null)
            {
                // The lead under its row version, through EF (audited by the interceptor): a lead converted meanwhile is a
                // conflict, and nothing of this submission is committed.
                lead.Convert(application.ApplicationId, now);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (PostgresException exception) when (exception.IsUniqueViolation(IntakeDbContext.DuplicateIndexName))
        {
            // R20: a member already has an open application of this scheme (or one submitted at the same moment won).
            // The unique index is the one check: asking first cost every application a round trip in a surge (issue 22),
            // and could not stop two submissions racing anyway. Nothing of this one was stored (the transaction is gone).
            var open = await FindOpenApplicationAsync(db, valid, ct);
            metrics.Refused("duplicate");
            loggers.CreateLogger(typeof(ApplicationsApi)).LogInformation("A duplicate application was refused by the database (R20)");
            return Duplicate(open?.ApplicationId, open?.IdNumber, valid.Scheme);
        }

        signal.Notify();
        metrics.Received(valid.Channel, valid.Scheme, valid.ResidenceCounty);
        return TypedResults.Accepted($"{Path}/{application.ApplicationId}", new ApplicationAccepted(application.ApplicationId, application.Status, now, application.TrackingCode));
    }

    private static async Task<(Guid ApplicationId, string IdNumber)?> FindOpenApplicationAsync(IntakeDbContext db, ValidatedApplication application, CancellationToken ct)
    {
        var ids = application.Members.Select(m => m.IdNumber).ToList();
        var open = await db.ApplicationPersons
            .Where(p => p.IsOpen && p.Scheme == application.Scheme && ids.Contains(p.IdNumber))
            .Join(db.Applications, p => p.ApplicationKey, a => a.Key, (p, a) => new { a.ApplicationId, p.IdNumber })
            .FirstOrDefaultAsync(ct);
        return open is null ? null : (open.ApplicationId, open.IdNumber);
    }

    private static ProblemHttpResult Duplicate(Guid? openApplicationId, string? idNumber, Scheme scheme) =>
        ApiProblems.Conflict("duplicate_open_application",
            $"该家庭成员（{PersonalData.MaskIdNumber(idNumber)}）已有一份未办结的{SchemeZh(scheme)}申请（全省范围内每人每类救助只能有一份在办申请）。",
            $"A member of this household ({PersonalData.MaskIdNumber(idNumber)}) already has an open {WireName.Of(scheme)} application (one open application per person and scheme, province-wide; R20).",
            new Dictionary<string, object?> { ["openApplicationId"] = openApplicationId, ["location"] = openApplicationId is null ? null : $"{Path}/{openApplicationId}" });

    private static string SchemeZh(Scheme scheme) => scheme switch
    {
        Scheme.Dibao => "低保",
        Scheme.Tekun => "特困供养",
        _ => "临时救助",
    };

    internal static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> GetAsync(Guid applicationId, HttpContext http, IntakeDbContext db, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().Include(a => a.Timeline)
            .FirstOrDefaultAsync(a => a.ApplicationId == applicationId, ct);
        if (application is null)
        {
            return ApiProblems.NotFound("application_not_found", "未找到该申请。", "No application has this id.");
        }

        var caller = Caller.Of(http);
        if (!caller.MayActFor(application.ResidenceCounty) && !caller.MayActFor(application.HukouCounty))
        {
            return Caller.CountyForbidden(application.ResidenceCounty);
        }

        return caller.SeesTownship(application.ResidenceTownship) ? TypedResults.Ok(ApplicationView.From(application)) : Caller.TownshipForbidden(application.ResidenceTownship);
    }

    internal static async Task<Results<Ok<PagedList<ApplicationSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IntakeDbContext db, CancellationToken ct,
        string? county = null, string? status = null, string? scheme = null, string? channel = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        if (county is not null)
        {
            errors.County("county", county);
        }

        var statusFilter = status is null ? null : errors.Enum<ApplicationStatus>("status", status);
        var schemeFilter = scheme is null ? null : errors.Enum<Scheme>("scheme", scheme);
        var channelFilter = channel is null ? null : errors.Enum<Channel>("channel", channel);
        Paging.Validate(errors, page, pageSize, from, to);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = db.Applications.AsNoTracking();
        if (county is not null)
        {
            query = query.Where(a => a.ResidenceCounty == county || a.HukouCounty == county);
        }

        query = caller.Visible(query, a => a.ResidenceCounty, a => a.HukouCounty);
        if (caller.Township is { } township)
        {
            query = query.Where(a => a.ResidenceTownship == township);
        }

        if (statusFilter is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (schemeFilter is { } sc)
        {
            query = query.Where(a => a.Scheme == sc);
        }

        if (channelFilter is { } c)
        {
            query = query.Where(a => a.Channel == c);
        }

        if (from is not null)
        {
            query = query.Where(a => a.SubmittedAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(a => a.SubmittedAt < to);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Key)
            .Page(page, pageSize)
            .Select(a => new
            {
                a.ApplicationId, a.Status, a.Decision, a.Scheme, a.TemporaryAssistanceKind, a.Channel, a.ResidenceCounty, a.HukouCounty,
                a.ApplicantName, a.ApplicantIdNumber, a.ApplicantPhone, MemberCount = a.Persons.Count, a.SubmittedAt, a.UpdatedAt,
            })
            .ToListAsync(ct);

        var items = rows.Select(a => new ApplicationSummary(
            a.ApplicationId, a.Status, a.Decision, a.Scheme, a.TemporaryAssistanceKind, a.Channel, a.ResidenceCounty, a.HukouCounty,
            PersonalData.MaskName(a.ApplicantName), PersonalData.MaskIdNumber(a.ApplicantIdNumber), a.ApplicantPhone is null ? null : PersonalData.MaskPhone(a.ApplicantPhone),
            a.MemberCount, a.SubmittedAt, a.UpdatedAt)).ToList();
        return TypedResults.Ok(new PagedList<ApplicationSummary>(items, page, pageSize, total));
    }
}

public static class Paging
{
    public static void Validate(ValidationErrors errors, int page, int pageSize, DateTimeOffset? from, DateTimeOffset? to)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Paging(page, pageSize);

        if (from is not null && to is not null && from > to)
        {
            errors.Add("from", "起始时间不能晚于结束时间。", "'from' cannot be after 'to'.");
        }
    }
}
