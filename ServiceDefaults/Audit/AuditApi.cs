using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;
using ReliefPlatform.Places;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.ServiceDefaults.Audit;

public sealed record AuditEntryView(long Sequence, DateTimeOffset At, string ActorKind, string ActorId, string ActorName, string? ActorUnit,
    string Entity, string EntityId, string Action, string? County, System.Text.Json.JsonElement Changes, string? CorrelationId)
{
    public static AuditEntryView From(AuditEntry e) => new(e.Key, e.At, e.ActorKind.ToString().ToLowerInvariant(), e.ActorId, e.ActorName, e.ActorUnit,
        e.Entity, e.EntityId, e.Action, e.County, System.Text.Json.JsonDocument.Parse(e.Changes).RootElement, e.CorrelationId);
}

/// <summary>
/// The audit trail of one service for auditors (<c>audit.read</c>): by person (actorId), record
/// (entityId), kind of record, unit (of the actor, and everything inside it), county and time; as
/// JSON pages or as a CSV file (UTF-8 with BOM, so that spreadsheet programs read the Chinese). A
/// county's auditor reads that county's records and those of no county (policies, settings).
/// </summary>
public static class AuditApi
{
    public const int MaxExportRows = 100_000;

    public static RouteGroupBuilder MapAuditApi<TDbContext>(this IEndpointRouteBuilder app, string path) where TDbContext : DbContext
    {
        var group = app.MapGroup(path).WithTags("Audit trail");
        group.MapGet("/", ListAsync<TDbContext>).CountyFiltered().WithSummary("Who changed what, when: the audit trail, newest first");
        group.MapGet("/export.csv", ExportAsync<TDbContext>).CountyFiltered().WithSummary("The audit trail as CSV, up to 100,000 rows of the filters");
        return group;
    }

    private static async Task<Results<Ok<PagedList<AuditEntryView>>, ValidationProblem>> ListAsync<TDbContext>(
        HttpContext http, TDbContext db, CancellationToken ct, string? actorId = null, string? entity = null, string? entityId = null, string? actorUnit = null,
        string? county = null, string? action = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 50) where TDbContext : DbContext
    {
        var errors = new ValidationErrors();
        errors.Paging(page, pageSize);
        var query = Filter(http, db, errors, actorId, entity, entityId, actorUnit, county, action, from, to);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var total = await query!.CountAsync(ct);
        var items = await query!.OrderByDescending(e => e.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<AuditEntryView>([.. items.Select(AuditEntryView.From)], page, pageSize, total));
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportAsync<TDbContext>(
        HttpContext http, TDbContext db, CancellationToken ct, string? actorId = null, string? entity = null, string? entityId = null, string? actorUnit = null,
        string? county = null, string? action = null, DateTimeOffset? from = null, DateTimeOffset? to = null) where TDbContext : DbContext
    {
        var errors = new ValidationErrors();
        var query = Filter(http, db, errors, actorId, entity, entityId, actorUnit, county, action, from, to);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        // Written to memory first (at most 100,000 rows, some tens of megabytes), then sent asynchronously:
        // the CSV writer writes synchronously, which the response stream refuses.
        using var buffer = new MemoryStream();
        await using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            using var csv = Sep.New(',').Writer(options => options with { Escape = true }).To(text);
            await foreach (var e in query!.OrderBy(e => e.Key).Take(MaxExportRows).AsAsyncEnumerable().WithCancellation(ct))
            {
                using var row = csv.NewRow();
                row["sequence"].Set(e.Key.ToString(CultureInfo.InvariantCulture));
                row["at"].Set(e.At.ToString("O", CultureInfo.InvariantCulture));
                row["actor_kind"].Set(e.ActorKind.ToString().ToLowerInvariant());
                row["actor_id"].Set(e.ActorId);
                row["actor_name"].Set(e.ActorName);
                row["actor_unit"].Set(e.ActorUnit ?? "");
                row["entity"].Set(e.Entity);
                row["entity_id"].Set(e.EntityId);
                row["action"].Set(e.Action);
                row["county"].Set(e.County ?? "");
                row["changes"].Set(e.Changes);
            }
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit-trail.csv\"";
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, ct);
        return TypedResults.Empty;
    }

    private static IQueryable<AuditEntry>? Filter(HttpContext http, DbContext db, ValidationErrors errors, string? actorId, string? entity, string? entityId,
        string? actorUnit, string? county, string? action, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (county is not null)
        {
            errors.County("county", county);
        }

        if (actorUnit is not null && PlaceRegistry.Current.Find(actorUnit) is null)
        {
            errors.Add("actorUnit", "不是已知的单位代码。", "Not the code of a known unit.");
        }

        if (from is not null && to is not null && from > to)
        {
            errors.Add("from", "起始时间晚于截止时间。", "from is after to.");
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        var caller = Caller.Of(http);
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!caller.AllCounties)
        {
            var mine = caller.Counties;
            query = query.Where(e => e.County == null || mine.Contains(e.County));
        }

        if (actorId is not null) query = query.Where(e => e.ActorId == actorId);
        if (entity is not null) query = query.Where(e => e.Entity == entity);
        if (entityId is not null) query = query.Where(e => e.EntityId == entityId);
        if (county is not null) query = query.Where(e => e.County == county);
        if (action is not null) query = query.Where(e => e.Action == action);
        if (from is not null) query = query.Where(e => e.At >= from);
        if (to is not null) query = query.Where(e => e.At <= to);
        if (actorUnit is not null)
        {
            // A unit's own code and every code inside it share its significant prefix (36 → 3611 → 361102 → 361102001).
            var prefix = PlaceRegistry.SignificantPrefix(actorUnit);
            query = query.Where(e => e.ActorUnit != null && e.ActorUnit.StartsWith(prefix));
        }

        return query;
    }
}
