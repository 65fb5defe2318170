using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefPlatform.Relief.PriceLinkage;

/// <summary>
/// One version of the price-linkage mechanism (R15, 社会救助和保障标准与物价上涨挂钩联动机制): when
/// the subsidy triggers and how it is rounded. Versions are dated; a change is a new version.
/// </summary>
public sealed class PriceLinkageSetting
{
    public long Key { get; set; }
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>Triggers when the monthly CPI rises at least this much year on year (percent).</summary>
    public decimal CpiTrigger { get; set; }

    /// <summary>Or when the food CPI rises at least this much year on year (percent).</summary>
    public decimal FoodCpiTrigger { get; set; }

    /// <summary>Decimal places of the per-person subsidy (2: fen, 1: jiao, 0: yuan), half away from zero.</summary>
    public int RoundingDigits { get; set; }

    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<PriceLinkageSetting> setting)
    {
        setting.ToTable("price_linkage_settings");
        setting.HasKey(s => s.Key);
        setting.HasIndex(s => s.EffectiveFrom).IsUnique();
        setting.Property(s => s.CpiTrigger).HasPrecision(6, 2);
        setting.Property(s => s.FoodCpiTrigger).HasPrecision(6, 2);
        setting.Property(s => s.RecordedBy).HasMaxLength(50);
        // EXAMPLE VALUES of the provincial mechanism (CPI ≥ 3.5 % or food CPI ≥ 6 %, rounded to the jiao); record the official ones before going live.
        setting.HasData(new PriceLinkageSetting
        {
            Key = -1, EffectiveFrom = new DateOnly(2022, 1, 1), CpiTrigger = 3.5m, FoodCpiTrigger = 6.0m, RoundingDigits = 1,
            RecordedBy = "seed (example values)", RecordedAt = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });
    }
}

/// <summary>A month's price figures as published by the statistics bureau (percent, year on year).</summary>
public sealed class CpiFigure
{
    public long Key { get; set; }
    public DateOnly Month { get; set; }
    public decimal CpiYearOnYear { get; set; }
    public decimal FoodCpiYearOnYear { get; set; }
    public string Source { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<CpiFigure> figure)
    {
        figure.ToTable("cpi_figures");
        figure.HasKey(f => f.Key);
        figure.HasIndex(f => f.Month).IsUnique();
        figure.Property(f => f.CpiYearOnYear).HasPrecision(6, 2);
        figure.Property(f => f.FoodCpiYearOnYear).HasPrecision(6, 2);
        figure.Property(f => f.Source).HasMaxLength(200);
        figure.Property(f => f.RecordedBy).HasMaxLength(50);
    }
}

public sealed record PriceSubsidyEvaluation(bool Triggered, decimal? Rate, string ReasonZh, string ReasonEn);

/// <summary>
/// R15: whether a month triggers the price subsidy, and at which rate (CPI year on year when it
/// triggered, else the food CPI). The amount itself (the recipient's monthly per-person standard × the
/// rate, rounded as the mechanism says, × the household's persons) is computed where a campaign's
/// million lines are written: the database function <c>price_subsidy</c> (migration PriceSubsidyFunction),
/// tested in the integration tests.
/// </summary>
public static class PriceSubsidyCalculator
{
    public static PriceSubsidyEvaluation Evaluate(PriceLinkageSetting setting, CpiFigure figure)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.CpiYearOnYear >= setting.CpiTrigger)
        {
            return new(true, figure.CpiYearOnYear,
                $"CPI 同比上涨 {figure.CpiYearOnYear}% ≥ {setting.CpiTrigger}%，启动联动机制。", $"CPI rose {figure.CpiYearOnYear}% year on year ≥ {setting.CpiTrigger}%: the mechanism triggers.");
        }

        if (figure.FoodCpiYearOnYear >= setting.FoodCpiTrigger)
        {
            return new(true, figure.FoodCpiYearOnYear,
                $"食品 CPI 同比上涨 {figure.FoodCpiYearOnYear}% ≥ {setting.FoodCpiTrigger}%，启动联动机制。", $"Food CPI rose {figure.FoodCpiYearOnYear}% year on year ≥ {setting.FoodCpiTrigger}%: the mechanism triggers.");
        }

        return new(false, null,
            $"CPI 同比 {figure.CpiYearOnYear}%、食品 CPI 同比 {figure.FoodCpiYearOnYear}% 均未达到启动条件，本月不发放。",
            $"CPI {figure.CpiYearOnYear}% and food CPI {figure.FoodCpiYearOnYear}% year on year are below the triggers: nothing is paid this month.");
    }
}
