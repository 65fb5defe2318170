using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;

namespace ReliefPlatform.Relief.Campaigns;

public sealed record CampaignRequest(string? ReferenceMonth, DateOnly? Deadline);

public sealed record CampaignView(Guid CampaignId, string Kind, string ReferenceMonth, DateOnly Deadline, CampaignStatus Status, int Total, int Issued, decimal IssuedAmount, int Batches, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static CampaignView From(Campaign c) => new(c.CampaignId, c.Kind, c.ReferenceMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), c.Deadline, c.Status,
        c.Total, c.Issued, c.IssuedAmount, c.Batches, c.CreatedBy, c.CreatedAt, c.CompletedAt);
}

/// <summary>One-time campaigns (R12): start, and follow their progress.</summary>
public static class CampaignsApi
{
    public const string Path = "/api/relief/campaigns";

    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        // R12 campaigns pay the whole province's roster: provincial and city clients only.
        var group = app.MapGroup(Path).WithTags("Campaigns").ProvinceWide();
        group.MapPost("/one-time-living-subsidy", StartAsync).WithIdempotency("relief-campaigns-start")
            .WithSummary("R12: pay every dibao household, tekun person, orphan and unsupported child its reference-month payment once; starting it again returns the same campaign");
        group.MapGet("/{campaignId:guid}", GetAsync).WithSummary("A campaign's progress: total, issued, amount, batches");
        group.MapGet("/{campaignId:guid}/payments", PaymentsAsync).WithSummary("A campaign's payments, by recipient; identity numbers masked");
        return group;
    }

    internal static async Task<Results<Accepted<CampaignView>, Ok<CampaignView>, ValidationProblem>> StartAsync(
        CampaignRequest request, HttpContext http, ReliefDbContext db, CampaignRunner runner, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var createdBy = Caller.Of(http).Actor.Name;
        if (!DateOnly.TryParseExact((request.ReferenceMonth ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            errors.Add("referenceMonth", "参照月份格式应为 yyyy-MM（如 2022-06）。", "The reference month is written yyyy-MM (e.g. 2022-06).");
        }

        if (request.Deadline is null)
        {
            errors.Add("deadline", "必填（如 7 月 15 日）。", "Required (e.g. 15 July).");
        }
        else if (month != default && (request.Deadline < month || request.Deadline > month.AddYears(1)))
        {
            errors.Add("deadline", "截止日期应在参照月份之后一年之内。", "The deadline falls within a year after the reference month.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var existing = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Kind == Campaign.OneTimeLivingSubsidy && c.ReferenceMonth == month, ct);
        if (existing is not null)
        {
            runner.Wake();
            return TypedResults.Ok(CampaignView.From(existing));
        }

        var campaign = new Campaign
        {
            CampaignId = Guid.CreateVersion7(clock.GetUtcNow()), ReferenceMonth = month, Deadline = request.Deadline!.Value, Status = CampaignStatus.Running,
            CreatedBy = createdBy!, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(campaign);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return TypedResults.Ok(CampaignView.From(await db.Set<Campaign>().AsNoTracking().FirstAsync(c => c.Kind == Campaign.OneTimeLivingSubsidy && c.ReferenceMonth == month, ct)));
        }

        runner.Wake();
        return TypedResults.Accepted($"{Path}/{campaign.CampaignId}", CampaignView.From(campaign));
    }

    public sealed record CampaignPaymentView(Guid RecipientId, string Reference, string PayeeIdNumber, string PayeeName, string County, decimal Amount, int? BatchNumber);

    internal static async Task<Results<Ok<List<CampaignPaymentView>>, ProblemHttpResult, ValidationProblem>> PaymentsAsync(
        Guid campaignId, ReliefDbContext db, CancellationToken ct, Guid? recipientId = null, int page = 1, int pageSize = 100)
    {
        var errors = new ValidationErrors();
        errors.Paging(page, pageSize);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var campaign = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.CampaignId == campaignId, ct);
        if (campaign is null)
        {
            return ApiProblems.NotFound("campaign_not_found", "未找到该专项发放。", "No campaign has this id.");
        }

        var query = db.Set<CampaignPayment>().AsNoTracking().Where(p => p.CampaignKey == campaign.Key);
        if (recipientId is not null)
        {
            query = query.Where(p => p.RecipientId == recipientId);
        }

        // By batch, then key: the order the campaign issues them, along the (campaign, batch, key) index.
        var rows = await query.OrderBy(p => p.BatchNumber).ThenBy(p => p.Key).Page(page, pageSize).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(p => new CampaignPaymentView(p.RecipientId, p.Reference, ReliefPlatform.Contracts.Shared.PersonalData.MaskIdNumber(p.PayeeIdNumber),
            p.PayeeName, p.County, p.Amount, p.BatchNumber)).ToList());
    }

    internal static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(Guid campaignId, ReliefDbContext db, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.CampaignId == campaignId, ct);
        return campaign is null
            ? ApiProblems.NotFound("campaign_not_found", "未找到该专项发放。", "No campaign has this id.")
            : TypedResults.Ok(CampaignView.From(campaign));
    }
}
