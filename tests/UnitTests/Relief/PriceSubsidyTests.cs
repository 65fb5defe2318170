using ReliefPlatform.Relief.PriceLinkage;

namespace ReliefPlatform.UnitTests.Relief;

public sealed class PriceSubsidyTests
{
    private static readonly PriceLinkageSetting Setting = new() { CpiTrigger = 3.5m, FoodCpiTrigger = 6.0m, RoundingDigits = 1 };

    [Theory]
    [InlineData(3.5, 2.0, true, 3.5)]   // CPI exactly at the trigger
    [InlineData(3.4, 6.0, true, 6.0)]   // food CPI triggers: its rise is the rate
    [InlineData(3.4, 5.9, false, null)] // neither: nothing is paid
    [InlineData(4.2, 8.0, true, 4.2)]   // CPI first
    public void A_month_triggers_on_cpi_or_food_cpi(double cpi, double food, bool triggered, double? rate)
    {
        var evaluation = PriceSubsidyCalculator.Evaluate(Setting, new CpiFigure { CpiYearOnYear = (decimal)cpi, FoodCpiYearOnYear = (decimal)food });

        Assert.Equal(triggered, evaluation.Triggered);
        Assert.Equal(rate is null ? null : (decimal)rate, evaluation.Rate);
        Assert.False(string.IsNullOrWhiteSpace(evaluation.ReasonZh));
    }

    [Theory]
    [InlineData(870, 4.0, 1, 34.8)]
    [InlineData(850, 3.5, 0, 30)]    // 29.75 → 30 yuan
    [InlineData(850, 3.5, 1, 29.8)]  // 29.75 → 29.8, half away from zero
    [InlineData(660, 6.1, 2, 40.26)]
    public void The_per_person_subsidy_is_the_standard_times_the_rise_rounded_as_configured(double standard, double rate, int digits, double expected) =>
        Assert.Equal((decimal)expected, PriceSubsidyCalculator.PerPerson((decimal)standard, (decimal)rate, digits));
}
