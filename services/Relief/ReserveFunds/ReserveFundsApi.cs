using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Relief.ReserveFunds;

public sealed record ReserveFundRequest(string? County, string? Township, decimal? PaymentCap);

public sealed record ReplenishmentRequest(decimal? Amount, string? RecordedBy, string? Reference);

public sealed record ReserveFundView(Guid FundId, string County, string Township, decimal Balance, decimal PaymentCap, DateTimeOffset CreatedAt)
{
    public static ReserveFundView From(ReserveFund f) => new(f.FundId, f.County, f.Township, f.Balance, f.PaymentCap, f.CreatedAt);
}

public sealed record LedgerView(LedgerEntryKind Kind, decimal Amount, decimal BalanceAfter, Guid? CaseId, string RecordedBy, string? Reference, DateTimeOffset RecordedAt);

/// <summary>Township reserve funds (R8): balances, replenishments and the ledger.</summary>
public static class ReserveFundsApi
{
    public const string Path = "/api/relief/reserve-funds";

    public static RouteGroupBuilder MapReserveFundsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Reserve funds");
        group.MapPost("/", CreateAsync).WithIdempotency("relief-reserve-funds-create").CountyFromRequest("county").WithSummary("Set up a township's reserve fund with its per-payment cap");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Reserve funds and balances, by county");
        group.MapPost("/{fundId:guid}/replenishments", ReplenishAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("fundId", CountyOf)
            .WithIdempotency("relief-replenishments").WithSummary("Credit a reserve fund");
        group.MapGet("/{fundId:guid}/ledger", LedgerAsync).RequireCountyOf<RouteHandlerBuilder, ReliefDbContext>("fundId", CountyOf).WithSummary("Every movement of a reserve fund");
        return group;
    }

    private static IQueryable<string> CountyOf(ReliefDbContext db, Guid fundId) => db.Set<ReserveFund>().Where(f => f.FundId == fundId).Select(f => f.County);

    internal static async Task<Results<Created<ReserveFundView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ReserveFundRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var township = errors.Text("township", request.Township, 50);
        errors.Yuan("paymentCap", request.PaymentCap, "单笔上限", "The per-payment cap", 1_000_000);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (Caller.Of(http).Refuses(county) is { } refused)
        {
            return refused;
        }

        var fund = new ReserveFund { FundId = Guid.CreateVersion7(clock.GetUtcNow()), County = county!, Township = township!, PaymentCap = request.PaymentCap!.Value, CreatedAt = clock.GetUtcNow() };
        db.Add(fund);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("fund_exists", "该乡镇（街道）已设立备用金。", "This township already has a reserve fund.");
        }

        return TypedResults.Created($"{Path}/{fund.FundId}/ledger", ReserveFundView.From(fund));
    }

    internal static async Task<Results<Ok<List<ReserveFundView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, ReliefDbContext db, CancellationToken ct, string? county = null)
    {
        if (county is not null && new ValidationErrors() is var errors && errors.County("county", county) is null)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var query = caller.Visible(db.Set<ReserveFund>().AsNoTracking(), f => f.County);
        if (county is not null)
        {
            query = query.Where(f => f.County == county);
        }

        return TypedResults.Ok((await query.OrderBy(f => f.County).ThenBy(f => f.Township).ToListAsync(ct)).Select(ReserveFundView.From).ToList());
    }

    internal static async Task<Results<Ok<ReserveFundView>, ValidationProblem, ProblemHttpResult>> ReplenishAsync(
        Guid fundId, ReplenishmentRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var recordedBy = Caller.Of(http).Actor.Name;
        var reference = errors.Text("reference", request.Reference, 100, required: false);
        errors.Yuan("amount", request.Amount, "金额", "The amount", 100_000_000);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var fund = await db.Set<ReserveFund>().FromSql($"SELECT *, xmin FROM reserve_funds WHERE fund_id = {fundId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (fund is null)
        {
            return ApiProblems.NotFound("fund_not_found", "未找到该备用金。", "No reserve fund has this id.");
        }

        db.Add(fund.Replenish(request.Amount!.Value, recordedBy!, reference, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(ReserveFundView.From(fund));
    }

    internal static async Task<Results<Ok<List<LedgerView>>, ProblemHttpResult>> LedgerAsync(Guid fundId, ReliefDbContext db, CancellationToken ct)
    {
        var fund = await db.Set<ReserveFund>().AsNoTracking().FirstOrDefaultAsync(f => f.FundId == fundId, ct);
        if (fund is null)
        {
            return ApiProblems.NotFound("fund_not_found", "未找到该备用金。", "No reserve fund has this id.");
        }

        var entries = await db.Set<ReserveLedgerEntry>().AsNoTracking().Where(e => e.FundKey == fund.Key).OrderBy(e => e.Key).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e => new LedgerView(e.Kind, e.Amount, e.BalanceAfter, e.CaseId, e.RecordedBy, e.Reference, e.RecordedAt)).ToList());
    }
}
