using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.Eligibility.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Eligibility.Roster;

public sealed record RecipientView(
    Guid RecipientId, RecipientCategory Category, RecipientStatus Status, string HeadIdNumber, string HeadName, string County, AreaType AreaType,
    decimal MonthlyAmount, DateOnly StartDate, DateOnly? GradualExitUntil, DateOnly? ExitDate, Guid? ApplicationId, int Persons);

/// <summary>The roster of recipients; identity numbers masked in the list.</summary>
public static class RosterApi
{
    public static RouteGroupBuilder MapRosterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/eligibility/roster").WithTags("Roster");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Recipients by county, category and status; identity numbers masked");
        group.MapGet("/{recipientId:guid}/entitlements", EntitlementsAsync)
            .RequireCountyOf<RouteHandlerBuilder, EligibilityDbContext>("recipientId", (db, id) => db.Recipients.Where(r => r.RecipientId == id).Select(r => r.County)).WithSummary("The months issued to a recipient (R11)");
        group.MapGet("/{recipientId:guid}/differences", DifferencesAsync)
            .RequireCountyOf<RouteHandlerBuilder, EligibilityDbContext>("recipientId", (db, id) => db.Recipients.Where(r => r.RecipientId == id).Select(r => r.County))
            .WithSummary("Differences paid for months already paid (a standard changed later, a correction) and overpayments to recover (追缴) (R11, R20)");
        return group;
    }

    public sealed record EntitlementView(string Month, decimal Amount, string Reference, DateTimeOffset IssuedAt);

    public sealed record AdjustmentView(string Month, decimal Amount, string Reference, string Reason, DateTimeOffset IssuedAt);

    public sealed record RecoveryView(Guid RecoveryId, string Month, decimal Amount, string Cause, string Reason, DateTimeOffset RecordedAt);

    public sealed record DifferencesView(IReadOnlyList<AdjustmentView> Adjustments, IReadOnlyList<RecoveryView> Recoveries);

    internal static async Task<Results<Ok<DifferencesView>, ProblemHttpResult>> DifferencesAsync(Guid recipientId, EligibilityDbContext db, CancellationToken ct)
    {
        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.RecipientId == recipientId, ct);
        if (recipient is null)
        {
            return ApiProblems.NotFound("recipient_not_found", "名册中没有该对象。", "No recipient has this id.");
        }

        var month = (DateOnly m) => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var adjustments = await db.Set<BenefitAdjustment>().AsNoTracking().Where(a => a.RecipientKey == recipient.Key).OrderBy(a => a.Month).ThenBy(a => a.Key).ToListAsync(ct);
        var recoveries = await db.Set<Recovery>().AsNoTracking().Where(r => r.RecipientKey == recipient.Key).OrderBy(r => r.Month).ThenBy(r => r.Key).ToListAsync(ct);
        return TypedResults.Ok(new DifferencesView(
            [.. adjustments.Select(a => new AdjustmentView(month(a.Month), a.Amount, a.Reference, a.ReasonZh, a.IssuedAt))],
            [.. recoveries.Select(r => new RecoveryView(r.RecoveryId, month(r.Month), r.Amount, r.Cause, r.ReasonZh, r.RecordedAt))]));
    }

    internal static async Task<Results<Ok<List<EntitlementView>>, ProblemHttpResult>> EntitlementsAsync(Guid recipientId, EligibilityDbContext db, CancellationToken ct)
    {
        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.RecipientId == recipientId, ct);
        if (recipient is null)
        {
            return ApiProblems.NotFound("recipient_not_found", "名册中没有该对象。", "No recipient has this id.");
        }

        var rows = await db.Entitlements.AsNoTracking().Where(e => e.RecipientKey == recipient.Key).OrderBy(e => e.Month).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(e => new EntitlementView(e.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), e.Amount, e.Reference, e.IssuedAt)).ToList());
    }

    internal static async Task<Results<Ok<PagedList<RecipientView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, EligibilityDbContext db, CancellationToken ct, string? county = null, string? category = null, string? status = null, Guid? applicationId = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors();
        if (county is not null)
        {
            errors.County("county", county);
        }

        var categoryFilter = category is null ? null : errors.Enum<RecipientCategory>("category", category);
        var statusFilter = status is null ? null : errors.Enum<RecipientStatus>("status", status);
        errors.Paging(page, pageSize);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = caller.Visible(db.Recipients.AsNoTracking(), r => r.County);
        if (county is not null) query = query.Where(r => r.County == county);
        if (categoryFilter is { } c) query = query.Where(r => r.Category == c);
        if (statusFilter is { } s) query = query.Where(r => r.Status == s);
        if (applicationId is not null) query = query.Where(r => r.ApplicationId == applicationId);

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.Key).Page(page, pageSize)
            .Select(r => new { r.RecipientId, r.Category, r.Status, r.HeadIdNumber, r.HeadName, r.County, r.AreaType, r.MonthlyAmount, r.StartDate, r.GradualExitUntil, r.ExitDate, r.ApplicationId, Persons = r.Persons.Count })
            .ToListAsync(ct);
        var items = rows.Select(r => new RecipientView(r.RecipientId, r.Category, r.Status, PersonalData.MaskIdNumber(r.HeadIdNumber), r.HeadName, r.County, r.AreaType,
            r.MonthlyAmount, r.StartDate, r.GradualExitUntil, r.ExitDate, r.ApplicationId, r.Persons)).ToList();
        return TypedResults.Ok(new PagedList<RecipientView>(items, page, pageSize, total));
    }
}
