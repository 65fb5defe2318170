using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Eligibility.Monitoring;

public sealed record WarningView(Guid WarningId, Department Department, WarningKind Kind, string Rule, string IdNumber, string Name, string County,
    PriorityGroup PriorityGroup, string SignalZh, string SignalEn, DateTimeOffset RaisedAt);

/// <summary>Dynamic monitoring (R2): department feeds in, warnings and review flags out.</summary>
public static class MonitoringApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/eligibility").WithTags("Dynamic monitoring");
        group.MapPost("/feeds/{department}", ReceiveAsync)
            .WithIdempotency("eligibility-feeds")
            // Departments report for the whole province: a feed's records name every county.
            .ProvinceWide()
            .Accepts<FeedRequest>("application/json", "text/csv")
            .WithSummary("A department's batch (JSON {records:[…]} or CSV idNumber,name,county,signal,amount), up to 100,000 records, matched at once (R2)")
            .DisableAntiforgery();
        group.MapGet("/monitoring/warnings", ListAsync).CountyFiltered().WithSummary("Warnings and review flags; identity numbers masked");
        return group;
    }

    internal static async Task<Results<Ok<FeedResult>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        string department, HttpRequest request, FeedMatcher matcher, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var dept = errors.Enum<Department>("department", department);
        if (dept is null)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        List<FeedRecordRequest>? records;
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType == "text/csv")
        {
            // Read whole, asynchronously (Kestrel refuses synchronous reads); a 100,000-line drop is a few MB.
            using var body = new StreamReader(request.Body);
            using var reader = new StringReader(await body.ReadToEndAsync(ct));
            (records, var csvErrors) = FeedParser.ReadCsv(reader);
            if (!csvErrors.IsEmpty)
            {
                return ApiProblems.Validation(csvErrors.ToDictionary());
            }
        }
        else if (mediaType == "application/json")
        {
            try
            {
                records = (await JsonSerializer.DeserializeAsync<FeedRequest>(request.Body, Json, ct))?.Records;
            }
            catch (JsonException exception)
            {
                return ApiProblems.Validation("records", "JSON 格式无效。", $"The JSON is not valid: {exception.Message}");
            }
        }
        else
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "不支持的格式 / Unsupported media type",
                "请以 application/json 或 text/csv 提交。", "Send application/json or text/csv.");
        }

        var today = ChinaTime.Today(clock);
        var (parsed, validation) = FeedParser.Validate(dept.Value, records, today);
        if (!validation.IsEmpty)
        {
            return ApiProblems.Validation(validation.ToDictionary());
        }

        return TypedResults.Ok(await matcher.ProcessAsync(dept.Value, parsed, ct));
    }

    internal static async Task<Results<Ok<PagedList<WarningView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, EligibilityDbContext db, CancellationToken ct, string? kind = null, string? department = null, string? rule = null, string? county = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        var kindFilter = kind is null ? null : errors.Enum<WarningKind>("kind", kind);
        var departmentFilter = department is null ? null : errors.Enum<Department>("department", department);
        errors.Paging(page, pageSize);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = caller.Visible(db.Set<MonitoringWarning>().AsNoTracking(), w => w.County);
        if (kindFilter is { } k) query = query.Where(w => w.Kind == k);
        if (departmentFilter is { } d) query = query.Where(w => w.Department == d);
        if (rule is not null) query = query.Where(w => w.Rule == rule);
        if (county is not null) query = query.Where(w => w.County == county);

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Key).Page(page, pageSize).ToListAsync(ct);
        var items = rows.Select(w => new WarningView(w.WarningId, w.Department, w.Kind, w.Rule, PersonalData.MaskIdNumber(w.IdNumber), w.Name, w.County,
            w.PriorityGroup, w.SignalZh, w.SignalEn, w.RaisedAt)).ToList();
        return TypedResults.Ok(new PagedList<WarningView>(items, page, pageSize, total));
    }
}
