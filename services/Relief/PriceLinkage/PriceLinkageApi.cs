using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Relief.Campaigns;
using ReliefPlatform.Relief.Data;
using ReliefPlatform.ServiceDefaults.Data;
using ReliefPlatform.ServiceDefaults.Http;
using ReliefPlatform.ServiceDefaults.Security;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Relief.PriceLinkage;

public sealed record CpiRequest(string? Month, decimal? CpiYearOnYear, decimal? FoodCpiYearOnYear, string? Source);

public sealed record SettingRequest(DateOnly? EffectiveFrom, decimal? CpiTrigger, decimal? FoodCpiTrigger, int? RoundingDigits);

public sealed record PriceSubsidyRequest(string? Month, DateOnly? Deadline);

public sealed record PriceSubsidyAnswer(bool Triggered, string ReasonZh, string ReasonEn, decimal? Rate, int? RoundingDigits, CampaignView? Campaign);

/// <summary>The price-linkage mechanism (R15): price figures, settings, and the monthly price subsidy.</summary>
public static class PriceLinkageApi
{
    public static RouteGroupBuilder MapPriceLinkageApi(this IEndpointRouteBuilder app)
    {
        // R15's mechanism and its campaigns are province-wide.
        var group = app.MapGroup("/api/relief").WithTags("Price subsidy").ProvinceWide();
        group.MapPost("/price-linkage/cpi", RecordCpiAsync).WithIdempotency("relief-price-linkage-record-cpi").WithSummary("Record a month's CPI and food CPI (year on year, percent)");
        group.MapGet("/price-linkage/settings", SettingsAsync).WithSummary("The mechanism's versions: triggers and rounding");
        group.MapPost("/price-linkage/settings", RecordSettingAsync).WithIdempotency("relief-price-linkage-record-setting").WithSummary("A new version of the mechanism, effective from a date");
        group.MapPost("/campaigns/price-subsidy", StartAsync).WithIdempotency("relief-price-linkage-start")
            .WithSummary("R15: pay the month's price subsidy to the roster if the month triggers; a month that does not trigger pays nothing");
        return group;
    }

    private static DateOnly? ParseMonth(ValidationErrors errors, string? month)
    {
        if (DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        errors.Add("month", "月份格式应为 yyyy-MM。", "The month is written yyyy-MM.");
        return null;
    }

    internal static async Task<Results<Created<CpiFigure>, ValidationProblem, ProblemHttpResult>> RecordCpiAsync(
        CpiRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var month = ParseMonth(errors, request.Month);
        var source = errors.Text("source", request.Source, 200);
        var recordedBy = Caller.Of(http).Actor.Name;
        foreach (var (field, value) in new[] { ("cpiYearOnYear", request.CpiYearOnYear), ("foodCpiYearOnYear", request.FoodCpiYearOnYear) })
        {
            if (value is null or < -50 or > 100)
            {
                errors.Add(field, "应为 -50 到 100 之间的百分数。", "A percentage between -50 and 100.");
            }
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var figure = new CpiFigure
        {
            Month = month!.Value, CpiYearOnYear = request.CpiYearOnYear!.Value, FoodCpiYearOnYear = request.FoodCpiYearOnYear!.Value,
            Source = source!, RecordedBy = recordedBy!, RecordedAt = clock.GetUtcNow(),
        };
        db.Add(figure);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("cpi_exists", "该月价格指数已登记。", "This month's figures are already recorded.");
        }

        return TypedResults.Created($"/api/relief/price-linkage/cpi/{request.Month}", figure);
    }

    internal static async Task<Ok<List<PriceLinkageSetting>>> SettingsAsync(ReliefDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<PriceLinkageSetting>().AsNoTracking().OrderBy(s => s.EffectiveFrom).ToListAsync(ct));

    internal static async Task<Results<Created<PriceLinkageSetting>, ValidationProblem, ProblemHttpResult>> RecordSettingAsync(
        SettingRequest request, HttpContext http, ReliefDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var recordedBy = Caller.Of(http).Actor.Name;
        var today = ChinaTime.Today(clock);
        if (request.EffectiveFrom is null || request.EffectiveFrom < today || request.EffectiveFrom > today.AddYears(5))
        {
            errors.Add("effectiveFrom", "生效日期必填，从今天起五年之内：已生效的机制不能追溯修改。", "Required, from today to five years ahead: a mechanism in force is never rewritten.");
        }

        if (request.CpiTrigger is not > 0 or > 50)
        {
            errors.Add("cpiTrigger", "应为大于 0、不超过 50 的百分数。", "A percentage above 0 and at most 50.");
        }

        if (request.FoodCpiTrigger is not > 0 or > 50)
        {
            errors.Add("foodCpiTrigger", "应为大于 0、不超过 50 的百分数。", "A percentage above 0 and at most 50.");
        }

        if (request.RoundingDigits is not (0 or 1 or 2))
        {
            errors.Add("roundingDigits", "取整位数为 0（元）、1（角）或 2（分）。", "Rounding is to 0 (yuan), 1 (jiao) or 2 (fen) decimal places.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var setting = new PriceLinkageSetting
        {
            EffectiveFrom = request.EffectiveFrom!.Value, CpiTrigger = request.CpiTrigger!.Value, FoodCpiTrigger = request.FoodCpiTrigger!.Value,
            RoundingDigits = request.RoundingDigits!.Value, RecordedBy = recordedBy!, RecordedAt = clock.GetUtcNow(),
        };
        db.Add(setting);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ApiProblems.Conflict("version_exists", "该日期已有一个版本。", "A version with this effective date exists.");
        }

        return TypedResults.Created("/api/relief/price-linkage/settings", setting);
    }

    internal static async Task<Results<Ok<PriceSubsidyAnswer>, Accepted<PriceSubsidyAnswer>, ValidationProblem, ProblemHttpResult>> StartAsync(
        PriceSubsidyRequest request, HttpContext http, ReliefDbContext db, CampaignRunner runner, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var month = ParseMonth(errors, request.Month);
        var createdBy = Caller.Of(http).Actor.Name;
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var monthStart = month!.Value;
        var figure = await db.Set<CpiFigure>().AsNoTracking().FirstOrDefaultAsync(f => f.Month == monthStart, ct);
        if (figure is null)
        {
            return ApiProblems.Unprocessable("cpi_missing", "该月价格指数尚未登记。", "This month's price figures are not recorded yet.", new Dictionary<string, object?> { ["field"] = "month" });
        }

        var setting = await db.Set<PriceLinkageSetting>().AsNoTracking().Where(s => s.EffectiveFrom <= monthStart).OrderByDescending(s => s.EffectiveFrom).FirstOrDefaultAsync(ct);
        if (setting is null)
        {
            return ApiProblems.Unprocessable("mechanism_missing", "该月没有生效的联动机制。", "No price-linkage mechanism is in force for this month.");
        }

        var evaluation = PriceSubsidyCalculator.Evaluate(setting, figure);
        if (!evaluation.Triggered)
        {
            return TypedResults.Ok(new PriceSubsidyAnswer(false, evaluation.ReasonZh, evaluation.ReasonEn, null, null, null));
        }

        var existing = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Kind == Campaign.PriceSubsidy && c.ReferenceMonth == monthStart, ct);
        if (existing is not null)
        {
            runner.Wake();
            return TypedResults.Ok(new PriceSubsidyAnswer(true, evaluation.ReasonZh, evaluation.ReasonEn, existing.Rate, existing.RoundingDigits, CampaignView.From(existing)));
        }

        var campaign = new Campaign
        {
            CampaignId = Guid.CreateVersion7(clock.GetUtcNow()), Kind = Campaign.PriceSubsidy, ReferenceMonth = monthStart,
            Deadline = request.Deadline ?? monthStart.AddMonths(2).AddDays(-1), Status = CampaignStatus.Running,
            Rate = evaluation.Rate, RoundingDigits = setting.RoundingDigits, CreatedBy = createdBy!, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(campaign);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            var raced = await db.Set<Campaign>().AsNoTracking().FirstAsync(c => c.Kind == Campaign.PriceSubsidy && c.ReferenceMonth == monthStart, ct);
            return TypedResults.Ok(new PriceSubsidyAnswer(true, evaluation.ReasonZh, evaluation.ReasonEn, raced.Rate, raced.RoundingDigits, CampaignView.From(raced)));
        }

        runner.Wake();
        return TypedResults.Accepted($"{CampaignsApi.Path}/{campaign.CampaignId}",
            new PriceSubsidyAnswer(true, evaluation.ReasonZh, evaluation.ReasonEn, campaign.Rate, campaign.RoundingDigits, CampaignView.From(campaign)));
    }
}
