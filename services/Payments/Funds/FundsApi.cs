using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.Contracts.Shared;

namespace ReliefPlatform.Payments.Funds;

public sealed record FundRequest(string? Level, string? Name, List<string>? Purposes, DateOnly? ArrivedOn = null);

public sealed record AllocationRequest(string? County, decimal? Amount, string? Weighting);

public sealed record AllocationView(Guid AllocationId, string County, decimal Amount, decimal Balance, string? Weighting, string AllocatedBy, DateTimeOffset AllocatedAt);

public sealed record FundView(Guid FundId, FundLevel Level, string Name, IReadOnlyList<string> Purposes, IReadOnlyList<AllocationView> Allocations);

/// <summary>Fund sources, their purposes and their allocations to counties (R19).</summary>
public static class FundsApi
{
    public const string Path = "/api/payments/funds";

    public static RouteGroupBuilder MapFundsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Funds");
        // Funds and their allocation to counties are the funders' acts (province, city finance): a county's client only reads its allocations.
        group.MapPost("/", CreateAsync).ProvinceWide().WithIdempotency("payments-funds-create").WithSummary("A fund source (central, provincial, city, county) and the purposes it may pay");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Funds with their allocations and balances (a county's client sees its own counties' allocations)");
        group.MapGet("/supervision", FundSupervision.ReportAsync).CountyFiltered()
            .WithSummary("R19: each allocation's days from the fund's arrival, its balance, what was spent by purpose, and whether it sat idle or came late");
        group.MapPost("/{fundId:guid}/allocations", AllocateAsync).ProvinceWide().WithIdempotency("payments-allocations")
            .WithSummary("Allocate part of a fund to a county, with the weighting (hard-hit, rural-revitalization priority)");
        return group;
    }

    internal static async Task<Results<Created<FundView>, ValidationProblem>> CreateAsync(FundRequest request, PaymentsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var level = errors.Enum<FundLevel>("level", request.Level);
        var name = errors.Text("name", request.Name, 100);
        if (request.Purposes is not { Count: > 0 } || request.Purposes.Any(p => !PaymentPurposes.All.Contains(p)))
        {
            errors.Add("purposes", $"至少一项，可选：{string.Join(", ", PaymentPurposes.All)}。", $"At least one of: {string.Join(", ", PaymentPurposes.All)}.");
        }

        var today = ServiceDefaults.ChinaTime.DateOf(clock.GetUtcNow());
        if (request.ArrivedOn is { } arrived && (arrived > today || arrived < today.AddYears(-5)))
        {
            errors.Add("arrivedOn", "到账日期不晚于今天、不早于五年前。", "The day the money arrived is not after today nor more than five years ago.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var fund = new Fund
        {
            FundId = Guid.CreateVersion7(clock.GetUtcNow()), Level = level!.Value, Name = name!, Purposes = [.. request.Purposes!.Distinct()], CreatedAt = clock.GetUtcNow(),
            ArrivedOn = request.ArrivedOn ?? today,
        };
        db.Funds.Add(fund);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(Path, new FundView(fund.FundId, fund.Level, fund.Name, fund.Purposes, []));
    }

    internal static async Task<Results<Ok<List<FundView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, PaymentsDbContext db, CancellationToken ct, string? county = null)
    {
        if (county is not null && new ValidationErrors() is var errors && errors.County("county", county) is null)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Key).ToListAsync(ct);
        var allocations = await caller.Visible(db.Allocations.AsNoTracking(), a => a.County).Where(a => county == null || a.County == county).OrderBy(a => a.Key).ToListAsync(ct);
        return TypedResults.Ok(funds.Select(f => new FundView(f.FundId, f.Level, f.Name, f.Purposes,
            allocations.Where(a => a.FundKey == f.Key).Select(a => new AllocationView(a.AllocationId, a.County, a.Amount, a.Balance, a.Weighting, a.AllocatedBy, a.AllocatedAt)).ToList())).ToList());
    }

    internal static async Task<Results<Created<AllocationView>, ValidationProblem, ProblemHttpResult>> AllocateAsync(
        Guid fundId, AllocationRequest request, HttpContext http, PaymentsDbContext db, TimeProvider clock, FundingWorker funding, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var county = errors.County("county", request.County);
        var weighting = errors.Text("weighting", request.Weighting, 200, required: false);
        var allocatedBy = Caller.Of(http).Actor.Name;
        errors.Yuan("amount", request.Amount, "金额", "The amount", 10_000_000_000);

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var fund = await db.Funds.FirstOrDefaultAsync(f => f.FundId == fundId, ct);
        if (fund is null)
        {
            return ApiProblems.NotFound("fund_not_found", "未找到该资金来源。", "No fund has this id.");
        }

        var allocation = new Allocation
        {
            AllocationId = Guid.CreateVersion7(clock.GetUtcNow()), FundKey = fund.Key, County = county!, Amount = request.Amount!.Value, Balance = request.Amount.Value,
            Weighting = weighting, AllocatedBy = allocatedBy!, AllocatedAt = clock.GetUtcNow(),
        };
        db.Allocations.Add(allocation);
        await db.SaveChangesAsync(ct);
        funding.Wake(allocationsChanged: true);
        return TypedResults.Created(Path, new AllocationView(allocation.AllocationId, allocation.County, allocation.Amount, allocation.Balance, allocation.Weighting, allocation.AllocatedBy, allocation.AllocatedAt));
    }
}
