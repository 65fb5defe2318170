using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Payments.Data;
using ReliefPlatform.Payments.Instructions;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Payments.Batches;

public sealed record BatchSummary(Guid BatchId, string County, BatchStatus Status, int DeclaredCount, decimal DeclaredTotal,
    int Submitted, int Settled, decimal SettledAmount, int Failed, decimal FailedAmount, int Returned, decimal ReturnedAmount, int Reissued, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt);

/// <summary>Batch summaries: declared, submitted, settled, failed and reissued counts and amounts.</summary>
public static class BatchesApi
{
    public static RouteGroupBuilder MapBatchesApi(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments/batches").WithTags("Batches");
        group.MapGet("/", ListAsync).CountyFiltered().WithSummary("Batch summaries by county");
        return group;
    }

    internal static async Task<Results<Ok<List<BatchSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, PaymentsDbContext db, CancellationToken ct, string? county = null, int take = 50)
    {
        var errors = new ValidationErrors();
        if (county is not null)
        {
            errors.County("county", county);
        }

        if (take is < 1 or > 200)
        {
            errors.Add("take", "1 到 200 条。", "Between 1 and 200.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var caller = Caller.Of(http);
        var batches = await caller.Visible(db.Set<PaymentBatch>().AsNoTracking(), b => b.County).Where(b => county == null || b.County == county)
            .OrderByDescending(b => b.Key).Take(take).ToListAsync(ct);
        var keys = batches.Select(b => b.Key).ToList();
        var lines = await db.Payments.AsNoTracking().Where(p => p.BatchKey != null && keys.Contains(p.BatchKey.Value))
            .GroupBy(p => new { p.BatchKey, p.Status })
            .Select(g => new { g.Key.BatchKey, g.Key.Status, Count = g.Count(), Amount = g.Sum(p => p.Amount), Reissued = g.Count(p => p.Attempts > 0) })
            .ToListAsync(ct);
        return TypedResults.Ok(batches.Select(b =>
        {
            var of = lines.Where(l => l.BatchKey == b.Key).ToList();
            int Count(PaymentStatus s) => of.Where(l => l.Status == s).Sum(l => l.Count);
            decimal Amount(PaymentStatus s) => of.Where(l => l.Status == s).Sum(l => l.Amount);
            return new BatchSummary(b.BatchId, b.County, b.Status, b.DeclaredCount, b.DeclaredTotal,
                Count(PaymentStatus.Submitted), Count(PaymentStatus.Settled), Amount(PaymentStatus.Settled), Count(PaymentStatus.Failed), Amount(PaymentStatus.Failed),
                Count(PaymentStatus.Returned), Amount(PaymentStatus.Returned), of.Sum(l => l.Reissued), b.CreatedAt, b.SubmittedAt);
        }).ToList());
    }
}
